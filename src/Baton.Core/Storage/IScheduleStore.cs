using Baton.Core.Events;
using Baton.Core.Schedules;
using Baton.Core.Tasks;

namespace Baton.Core.Storage;

/// <summary>
/// Schedules and their occurrences. An occurrence is a row unique by (schedule, planned time), inserted in the same
/// transaction as the task it queues and the schedule's new state: an occurrence fires at most once, whichever node
/// records it and however often it is tried (a second node, a restart after a crash at the moment of firing).
/// </summary>
public interface IScheduleStore
{
    /// <summary>Adds a schedule; false if one of that name exists.</summary>
    Task<bool> AddAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default);

    /// <summary>The schedule of this name, or null.</summary>
    Task<ScheduleRecord?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every schedule, by name.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a schedule and its history (the tasks it queued stay); false if there was none.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses (with <paramref name="note"/>) or resumes a schedule, and on resume sets its next occurrence to
    /// <paramref name="nextAt"/>; appends <paramref name="pausedEvent"/> if given. The schedule afterwards, or null if none.
    /// </summary>
    Task<ScheduleRecord?> SetPausedAsync(string name, bool paused, string? note, DateTimeOffset? nextAt, EventDraft? pausedEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one occurrence, in one transaction: the occurrence row; for a fired one, its task under
    /// <see cref="OccurrenceRecord.TaskId"/> (with <c>task.created</c>); the schedule's next occurrence, buffered one
    /// and failure streak from <paramref name="state"/> (its pause is left as it is; a <paramref name="manual"/> trigger leaves the state alone); and <paramref name="occurrenceEvent"/>.
    /// False, with nothing written, if the occurrence was recorded before, or the schedule is gone, or it is paused
    /// and <paramref name="manual"/> is false.
    /// </summary>
    Task<bool> RecordAsync(
        OccurrenceRecord occurrence, TaskDefinition? task, ScheduleState state, EventDraft occurrenceEvent, bool manual, CancellationToken cancellationToken = default);

    /// <summary>Sets the schedule's next occurrence and buffered one when a turn records nothing (a buffered occurrence).</summary>
    Task SaveProgressAsync(string name, DateTimeOffset? nextAt, DateTimeOffset? bufferedAt, CancellationToken cancellationToken = default);

    /// <summary>The schedule's occurrences, newest first, with their tasks' status now.</summary>
    Task<IReadOnlyList<OccurrenceRecord>> HistoryAsync(string name, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The schedule's fired occurrences whose outcome was not yet counted, oldest first, with their tasks' status
    /// now: the runs still going, and the ended ones <see cref="SettleAsync"/> has not yet counted.
    /// </summary>
    Task<IReadOnlyList<OccurrenceRecord>> UnsettledAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks ended runs as counted and sets the failure streak, in one transaction; with <paramref name="pauseNote"/>
    /// also pauses the schedule and appends <paramref name="pausedEvent"/>.
    /// </summary>
    Task SettleAsync(
        string name, IReadOnlyList<DateTimeOffset> plannedAt, int failureStreak, string? pauseNote, EventDraft? pausedEvent, CancellationToken cancellationToken = default);
}
