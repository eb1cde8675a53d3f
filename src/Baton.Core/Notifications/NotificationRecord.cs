namespace Baton.Core.Notifications;

/// <summary>
/// An event kept for a person: the store's trigger writes one for each event a person wants to hear of (a task's
/// end, a phase's start or end, a workflow's end, a milestone), owned by whoever created the task or workflow.
/// </summary>
/// <param name="Id">Increases in the order the events were committed.</param>
/// <param name="EventId">The event of the log it came from.</param>
/// <param name="Owner">The creator of the task or workflow (<c>cli:USER</c>, <c>mcp:USER</c>, <c>token:NAME</c>, <c>loopback</c>), or null.</param>
/// <param name="Type">task_complete, task_failure, phase_start, phase_complete, milestone, update or input_required.</param>
/// <param name="WorkflowId">The workflow, if the event belongs to one.</param>
/// <param name="TaskId">The task, for task events and task milestones.</param>
/// <param name="Message">One line for a person.</param>
/// <param name="CreatedAt">When the event happened.</param>
/// <param name="DeliveredAt">When a reader first took it; null while unread.</param>
public sealed record NotificationRecord(
    long Id,
    long EventId,
    string? Owner,
    string Type,
    string? WorkflowId,
    string? TaskId,
    string Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);
