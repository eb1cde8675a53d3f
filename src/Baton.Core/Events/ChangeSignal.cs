namespace Baton.Core.Events;

/// <summary>
/// The in-process <see cref="IChangeSignal"/>. Writers pay one volatile read when nobody waits, so a store can notify
/// after every commit; waiters share one task per change.
/// </summary>
public sealed class ChangeSignal : IChangeSignal
{
    private TaskCompletionSource? waiting;

    /// <inheritdoc />
    public void Notify()
    {
        if (Volatile.Read(ref waiting) is not null)
        {
            Interlocked.Exchange(ref waiting, null)?.TrySetResult();
        }
    }

    /// <inheritdoc />
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
