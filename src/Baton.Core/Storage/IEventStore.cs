using Baton.Core.Events;

namespace Baton.Core.Storage;

/// <summary>
/// The append-only event log. Changes to tasks, attempts, phases and workflows append their events themselves,
/// in the same transaction; only milestones are appended from outside.
/// </summary>
public interface IEventStore
{
    /// <summary>Events after <see cref="EventQuery.AfterId"/> that pass the filter, oldest first, at most the limit.</summary>
    Task<IReadOnlyList<EventRecord>> ReadAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events after <paramref name="afterId"/> that this process committed a moment ago and the store still holds in
    /// memory, without reading the log: null unless the next event after <paramref name="afterId"/> is among them.
    /// The events come in order with no gap; where the store does not know an id (another process wrote it), it stops
    /// and says how far it looked. A store without such memory returns null, and readers read the log.
    /// </summary>
    RecentEvents? ReadRecent(long afterId, EventFilter filter, int limit) => null;

    /// <summary>The id of the newest event, or 0 for an empty log.</summary>
    Task<long> LatestIdAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a milestone for a task or a workflow (at least one must be given and exist); returns it, or null if
    /// neither exists.
    /// </summary>
    Task<EventRecord?> AppendMilestoneAsync(string? taskId, string? workflowId, string message, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="batch"/> of the oldest events from before <paramref name="before"/> in one short
    /// transaction; returns how many went. Call again while it returns <paramref name="batch"/>.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fires after changes to the store (this process's commits, and others' that reach it): what followers of the
    /// log wait on between reads.
    /// </summary>
    IChangeSignal Changes { get; }
}
