namespace Baton.Core.Events;

/// <summary>
/// An event as Core decided it, before the store gives it its position: what <see cref="EventRules"/> makes of a
/// change, and what an <see cref="Storage.IEventAppender"/> persists in the transaction of that change.
/// </summary>
/// <param name="Type">One of <see cref="EventTypes"/>.</param>
/// <param name="At">When the change happened (the caller's clock, never the database's).</param>
/// <param name="TaskId">The task, for task events and a task's milestones.</param>
/// <param name="WorkflowId">The workflow, for workflow and phase events and for a workflow's tasks.</param>
/// <param name="PhaseId">The phase, for phase events and a workflow's tasks.</param>
/// <param name="Attempt">The attempt number, for task events after the first claim.</param>
/// <param name="Status">The status the change led to.</param>
/// <param name="OldStatus">The status before it.</param>
/// <param name="Message">The error of a failure, a completion's notice, the current step, a milestone's text.</param>
/// <param name="Owner">Who the event belongs to: the creator of the task or workflow.</param>
/// <param name="Notify">The notification kind (<see cref="Notifications.NotificationKinds"/>), or null when no person is told.</param>
/// <param name="Data">More about the change as a JSON object (an interaction's id, kind and decision), or null.</param>
public sealed record EventDraft(
    string Type,
    DateTimeOffset At,
    string? TaskId = null,
    string? WorkflowId = null,
    string? PhaseId = null,
    int? Attempt = null,
    string? Status = null,
    string? OldStatus = null,
    string? Message = null,
    string? Owner = null,
    string? Notify = null,
    string? Data = null);
