using System.Text;
using System.Text.Json;
using Baton.Core.Events;
using Baton.Core.Notifications;

namespace Baton.Core.Schedules;

/// <summary>
/// The events of schedules, appended in the transaction that records the occurrence or the pause. Their data names
/// the schedule and the planned time; the message says why an occurrence did not run. A person is told when a
/// schedule stops by itself or cannot queue its task, not of each skip.
/// </summary>
public static class ScheduleEvents
{
    /// <summary>The event for a recorded occurrence; <paramref name="workflow"/> for a schedule of a workflow.</summary>
    public static EventDraft ForOccurrence(OccurrenceRecord occurrence, string? owner, bool workflow = false)
    {
        var (type, notify) = occurrence.Outcome switch
        {
            OccurrenceOutcome.Fired => (EventTypes.ScheduleFired, (string?)null),
            OccurrenceOutcome.Missed => (EventTypes.ScheduleMissed, null),
            OccurrenceOutcome.Failed => (EventTypes.ScheduleSkipped, NotificationKinds.Update),
            _ => (EventTypes.ScheduleSkipped, null),
        };
        var message = occurrence.Outcome == OccurrenceOutcome.Failed
            ? $"schedule {occurrence.Schedule} could not {(workflow ? "start its workflow" : "queue its task")}: {occurrence.Reason}"
            : occurrence.Reason;
        return new EventDraft(type, occurrence.RecordedAt, occurrence.TaskId, occurrence.WorkflowId, Status: occurrence.Outcome.ToWire(), Message: message,
            Owner: owner, Notify: notify, Data: Data(occurrence.Schedule, occurrence.PlannedAt));
    }

    /// <summary><c>schedule.paused</c>, with the note as its message; a pause after failures tells the owner.</summary>
    public static EventDraft ForPaused(string schedule, string? note, bool byFailures, string? owner, DateTimeOffset at) =>
        new(EventTypes.SchedulePaused, at, Status: "paused", Message: note, Owner: owner,
            Notify: byFailures ? NotificationKinds.Update : null, Data: Data(schedule, null));

    private static string Data(string schedule, DateTimeOffset? plannedAt)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("schedule", schedule);
            if (plannedAt is { } at)
            {
                writer.WriteString("planned_at", at.UtcDateTime);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
