namespace Baton.Core.Notifications;

/// <summary>What a notification's wording is made from: its event, and the names of what it is about as they are now.</summary>
/// <param name="EventType">The event's type.</param>
/// <param name="TaskId">The task, for task events and a task's milestones.</param>
/// <param name="TaskName">The task's name, if it still exists.</param>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="WorkflowName">The workflow's name, if it still exists.</param>
/// <param name="PhaseId">The phase, for phase events.</param>
/// <param name="PhaseName">The phase's name, if it still exists.</param>
/// <param name="Message">The event's message (an error, a notice, a milestone's text).</param>
public sealed record NotificationSource(
    string EventType,
    string? TaskId,
    string? TaskName,
    string? WorkflowId,
    string? WorkflowName,
    string? PhaseId,
    string? PhaseName,
    string? Message);
