namespace Baton.Core.Schedules;

/// <summary>
/// One occurrence of a schedule, unique by (schedule, planned time): the row that makes it fire at most once.
/// </summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="PlannedAt">When it was due (a manual trigger: when it was asked for).</param>
/// <param name="Outcome">Fired, skipped, missed or failed.</param>
/// <param name="Reason">Why it was skipped, missed or failed; or that it was triggered by hand or caught up.</param>
/// <param name="TaskId">The task it queued, if it fired.</param>
/// <param name="RecordedAt">When it was handled.</param>
/// <param name="TaskStatus">The task's status now (history only).</param>
/// <param name="WorkflowId">The workflow it created and started, if it fired a schedule of a workflow.</param>
/// <param name="WorkflowStatus">The workflow's status now (history only).</param>
public sealed record OccurrenceRecord(
    string Schedule, DateTimeOffset PlannedAt, OccurrenceOutcome Outcome, string? Reason, string? TaskId, DateTimeOffset RecordedAt, string? TaskStatus = null,
    string? WorkflowId = null, string? WorkflowStatus = null);
