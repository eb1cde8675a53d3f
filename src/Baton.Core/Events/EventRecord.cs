namespace Baton.Core.Events;

/// <summary>
/// One entry of the append-only event log. The store appends it in the transaction that made the change it
/// records, so the log and the state never disagree. Ids increase in commit order and are never reused.
/// </summary>
/// <param name="Id">The log position; what SSE clients send back as Last-Event-ID.</param>
/// <param name="Type">One of <see cref="EventTypes"/>.</param>
/// <param name="At">When the change happened.</param>
/// <param name="TaskId">The task, for task events (and milestones of a task).</param>
/// <param name="WorkflowId">The workflow, for workflow and phase events and for the tasks of a workflow.</param>
/// <param name="PhaseId">The phase, for phase events and for the tasks of a workflow.</param>
/// <param name="Attempt">The attempt number, for task events after the first claim.</param>
/// <param name="Status">The status the change led to.</param>
/// <param name="OldStatus">The status before it.</param>
/// <param name="Message">The error of a failure, the current step of a progress event, a milestone's text.</param>
/// <param name="Data">More about the change as a JSON object (an interaction's id, kind and decision), or null.</param>
public sealed record EventRecord(
    long Id,
    string Type,
    DateTimeOffset At,
    string? TaskId,
    string? WorkflowId,
    string? PhaseId,
    int? Attempt,
    string? Status,
    string? OldStatus,
    string? Message,
    string? Data = null);
