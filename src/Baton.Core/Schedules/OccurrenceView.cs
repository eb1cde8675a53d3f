namespace Baton.Core.Schedules;

/// <summary>
/// One occurrence on the wire: fired (with its task and the task's status, or its workflow and the workflow's
/// status), skipped, missed or failed, and why.
/// </summary>
public sealed record OccurrenceView(
    string Schedule, DateTimeOffset PlannedAt, string Outcome, string? Reason, string? TaskId, string? TaskStatus, DateTimeOffset RecordedAt,
    string? WorkflowId = null, string? WorkflowStatus = null)
{
    /// <summary>The view of <paramref name="occurrence"/>.</summary>
    public static OccurrenceView Of(OccurrenceRecord occurrence) => new(
        occurrence.Schedule, occurrence.PlannedAt, occurrence.Outcome.ToWire(), occurrence.Reason, occurrence.TaskId, occurrence.TaskStatus, occurrence.RecordedAt,
        occurrence.WorkflowId, occurrence.WorkflowStatus);
}
