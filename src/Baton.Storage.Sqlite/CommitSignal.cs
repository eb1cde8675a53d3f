using System.Collections.Concurrent;
using Baton.Core.Events;

namespace Baton.Storage.Sqlite;

/// <summary>
/// One <see cref="ChangeSignal"/> per database file in this process, notified after every commit to it, so that
/// followers of the store (SSE, webhooks, hooks) wake at once instead of polling. Commits of other processes reach
/// it through the daemon's socket, or are read at the followers' fallback poll.
/// </summary>
internal static class CommitSignal
{
    private static readonly ConcurrentDictionary<string, ChangeSignal> Signals = new(StringComparer.Ordinal);

    /// <summary>The signal for the database file at <paramref name="fullPath"/>.</summary>
    public static ChangeSignal For(string fullPath) => Signals.GetOrAdd(fullPath, _ => new ChangeSignal());
}
