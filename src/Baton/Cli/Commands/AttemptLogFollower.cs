using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Logs;
using Baton.Core.Storage;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton task logs --follow</c>: copies an attempt's log as it grows, until the event log says the attempt ended
/// (an event of the task for a later attempt, or one for this attempt that leaves <c>running</c>), then copies the rest.
/// </summary>
internal sealed class AttemptLogFollower(IEventStore events, AttemptLogReader logs, TimeSpan pollInterval)
{
    /// <summary>
    /// Follows <paramref name="attempt"/>'s log at <paramref name="path"/> into <paramref name="output"/>. The attempt
    /// must have been read after the log stood at <paramref name="position"/>: an end before that is in the row, one
    /// after it in the log.
    /// </summary>
    public async Task FollowAsync(AttemptRecord attempt, long position, string path, Stream output, CancellationToken cancellationToken = default)
    {
        var taskId = attempt.Key.TaskId;
        var number = attempt.Key.Number;
        var ended = attempt.Status != AttemptState.Running;
        var cursor = new EventCursor(events, new EventFilter(TaskId: taskId), position);
        long offset = 0;
        while (true)
        {
            offset = await logs.CopyFromAsync(attempt.Key, path, offset, output, cancellationToken);
            if (ended)
            {
                return;
            }

            foreach (var record in await cursor.NextAsync(pollInterval, cancellationToken))
            {
                ended |= Ends(record, number);
            }
        }
    }

    /// <summary>
    /// True if <paramref name="record"/> (an event of the attempt's task) means attempt <paramref name="number"/> is over.
    /// An attempt waiting for a person, and answered, runs on.
    /// </summary>
    public static bool Ends(EventRecord record, int number) =>
        record.Attempt > number
        || (record.Attempt == number && record.Type is not (EventTypes.TaskStarted or EventTypes.TaskProgress or EventTypes.Milestone
            or EventTypes.TaskInputRequired or EventTypes.InteractionAnswered or EventTypes.ContextSaved))
        || (record.Attempt is null && EventTypes.IsTaskEnd(record.Type));
}
