namespace Baton.Core.Application.Views;

/// <summary>A workflow's tasks, in the order of its phases (<c>GET /api/v1/workflows/{workflow_id}/tasks</c>).</summary>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="Status">The workflow's status.</param>
/// <param name="Tasks">Its tasks, without their attempts.</param>
public sealed record WorkflowTasksView(string WorkflowId, string Status, IReadOnlyList<TaskView> Tasks);
