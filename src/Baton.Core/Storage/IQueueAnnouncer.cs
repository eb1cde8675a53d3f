using Baton.Core.Events;

namespace Baton.Core.Storage;

/// <summary>
/// Word between the processes that share a store across machines that work was queued, so that an idle node claims
/// it within milliseconds instead of at its next poll. Only a hint: a lost announcement costs one poll interval, and
/// nodes claim only after hearing one, so a storm of announcements costs at most one claim per node per wake-up.
/// Only stores shared across machines register it (on one machine the daemon's socket does this job).
/// </summary>
public interface IQueueAnnouncer
{
    /// <summary>Tells the other processes that work was queued here (coalesced with announcements in flight).</summary>
    void Announce();

    /// <summary>Fires when another process announced queued work.</summary>
    IChangeSignal Announced { get; }

    /// <summary>
    /// Tells the other processes that a person asked something of a running task (cancel, pause, an answer, a
    /// message): the node running it looks at once instead of at its next lease renewal.
    /// </summary>
    void AnnounceAttention();

    /// <summary>Fires when another process announced a person's request.</summary>
    IChangeSignal AttentionAnnounced { get; }

    /// <summary>
    /// Waits until what was announced before the call has gone out (or failed to), so that a short-lived process (a
    /// command on a machine without a node) can exit right after announcing without losing the announcement.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
