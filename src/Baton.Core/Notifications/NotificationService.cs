using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Storage;

namespace Baton.Core.Notifications;

/// <summary>
/// The application layer for notifications and milestones, which the CLI, REST and MCP all call: reading a caller's
/// notifications (taking marks them delivered, peeking does not) and announcing a milestone of a task or workflow.
/// </summary>
public sealed class NotificationService(
    INotificationStore notifications, IEventStore events, TaskService tasks, WorkflowService workflows, TimeProvider time)
{
    /// <summary>
    /// The caller's notifications, newest first; the rest stay for the next call, so calling again until none come
    /// drains them. <paramref name="workflowId"/> may be a unique prefix.
    /// </summary>
    public async Task<IReadOnlyList<NotificationRecord>> TakeAsync(
        NotificationAudience audience, string? workflowId, bool unreadOnly, int limit, bool peek, CancellationToken cancellationToken = default)
    {
        if (NotificationLimits.LimitProblem(limit) is { } problem)
        {
            throw BatonException.Invalid(problem);
        }

        var workflow = workflowId is null ? null : await workflows.ResolveIdAsync(workflowId, cancellationToken);
        return await notifications.TakeAsync(new NotificationQuery(audience, workflow, unreadOnly, limit, !peek), time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Appends a milestone event for a task or a workflow (ids or unique prefixes); its owner gets it as a
    /// <c>milestone</c> notification, and hooks, webhooks and live streams see it like any other event.
    /// </summary>
    public async Task<EventRecord> AnnounceMilestoneAsync(string? taskId, string? workflowId, string message, CancellationToken cancellationToken = default)
    {
        if (NotificationLimits.MessageProblem(message) is { } problem)
        {
            throw BatonException.Invalid(problem);
        }

        if (taskId is null && workflowId is null)
        {
            throw BatonException.Invalid("a milestone needs a task_id or a workflow_id (inside a task, BATON_TASK_ID and BATON_WORKFLOW_ID are set)");
        }

        var task = taskId is null ? null : (await tasks.GetAsync(taskId, cancellationToken)).Task;
        var workflow = workflowId is null ? null : await workflows.ResolveIdAsync(workflowId, cancellationToken);
        if (task is not null && workflow is not null && task.Definition.WorkflowId != workflow)
        {
            throw BatonException.Invalid($"task {task.Id} is not part of workflow {workflow}; give one of them");
        }

        return await events.AppendMilestoneAsync(task?.Id, workflow, message, time.GetUtcNow(), cancellationToken)
            ?? throw BatonException.NotFound($"task {task?.Id ?? "-"} or workflow {workflow ?? "-"} no longer exists");
    }
}
