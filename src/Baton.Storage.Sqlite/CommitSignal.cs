using System.Collections.Concurrent;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Tells readers in this process that a write to one database file committed, so that tails of the event log
/// (SSE, webhooks, hooks) wake at once instead of polling. Writers pay one volatile read when nobody waits.
/// Commits of other processes are not seen here; readers fall back to a timeout for those.
/// </summary>
internal sealed class CommitSignal
{
    private static readonly ConcurrentDictionary<string, CommitSignal> Signals = new(StringComparer.Ordinal);
    private TaskCompletionSource? waiting;

    /// <summary>The signal for the database file at <paramref name="fullPath"/>.</summary>
    public static CommitSignal For(string fullPath) => Signals.GetOrAdd(fullPath, _ => new CommitSignal());

    /// <summary>Called after every commit.</summary>
    public void Notify()
    {
        if (Volatile.Read(ref waiting) is not null)
        {
            Interlocked.Exchange(ref waiting, null)?.TrySetResult();
        }
    }

    /// <summary>A task that completes at the next commit. Read the store after taking it, not before, to miss nothing.</summary>
    public Task Next()
    {
        while (true)
        {
            if (Volatile.Read(ref waiting) is { } current)
            {
                return current.Task;
            }

            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref waiting, created, null) is null)
            {
                return created.Task;
            }
        }
    }
}
