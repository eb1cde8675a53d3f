using Baton.Core.Notifications;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Events;

/// <summary>
/// Which event a change becomes, whom it belongs to and whether a person is told of it. Every store appends what
/// these functions return, in the transaction of the change, so that every store logs the same events.
/// </summary>
public static class EventRules
{
    /// <summary>A task was queued (or added to a workflow).</summary>
    public static EventDraft ForTaskCreated(string taskId, string? workflowId, string? phaseId, string? owner, DateTimeOffset at) =>
        new(EventTypes.TaskCreated, at, taskId, workflowId, phaseId, Status: TaskState.Pending.ToWire(), Owner: owner);

    /// <summary>
    /// A task's status changed; null if it did not. A claim is the attempt's start; a task that goes back to pending
    /// after having run (a retry by hand, a rescue, a shutdown) is retrying.
    /// </summary>
    public static EventDraft? ForTask(TaskChange change)
    {
        if (change.OldStatus == change.Status)
        {
            return null;
        }

        var type = change.Status switch
        {
            TaskState.Running => EventTypes.TaskStarted,
            TaskState.Pending or TaskState.Retrying => EventTypes.TaskRetrying,
            TaskState.InputRequired => EventTypes.TaskInputRequired,
            TaskState.Paused => EventTypes.TaskPaused,
            TaskState.Completed => EventTypes.TaskCompleted,
            TaskState.Failed => EventTypes.TaskFailed,
            TaskState.Cancelled => EventTypes.TaskCancelled,
            _ => EventTypes.TaskTimedOut,
        };
        var message = change.Status switch
        {
            TaskState.Failed or TaskState.TimedOut or TaskState.Cancelled or TaskState.Retrying or TaskState.Pending => change.Error,
            TaskState.Completed => change.Notice,
            _ => null,
        };
        var notify = change.Status switch
        {
            TaskState.Completed => NotificationKinds.TaskComplete,
            TaskState.Failed or TaskState.TimedOut => NotificationKinds.TaskFailure,
            TaskState.InputRequired => NotificationKinds.InputRequired,
            TaskState.Running or TaskState.Paused => null,
            _ => NotificationKinds.Update,
        };
        return new EventDraft(type, change.At, change.TaskId, change.WorkflowId, change.PhaseId,
            change.AttemptCount == 0 ? null : change.AttemptCount, change.Status.ToWire(), change.OldStatus.ToWire(), message, change.Owner, notify);
    }

    /// <summary>A running attempt reported a new current step.</summary>
    public static EventDraft ForProgress(string taskId, string? workflowId, string? phaseId, int attempt, string step, string? owner, DateTimeOffset at) =>
        new(EventTypes.TaskProgress, at, taskId, workflowId, phaseId, attempt, TaskState.Running.ToWire(), Message: step, Owner: owner);

    /// <summary>
    /// A phase's status changed; null unless it started or ended (a gate that begins to wait is its interaction's
    /// event, <see cref="InteractionEvents.Raised"/>). <paramref name="at"/> is when it started (for a start) or ended.
    /// </summary>
    public static EventDraft? ForPhase(string workflowId, string phaseId, WorkflowState oldStatus, WorkflowState status, string? owner, DateTimeOffset at)
    {
        if (oldStatus == status || status is WorkflowState.Draft or WorkflowState.Pending or WorkflowState.Paused or WorkflowState.InputRequired)
        {
            return null;
        }

        var (type, notify) = status switch
        {
            WorkflowState.Running => (EventTypes.PhaseStarted, NotificationKinds.PhaseStart),
            WorkflowState.Completed => (EventTypes.PhaseCompleted, NotificationKinds.PhaseComplete),
            WorkflowState.Failed => (EventTypes.PhaseFailed, NotificationKinds.Update),
            _ => (EventTypes.PhaseCancelled, (string?)null),
        };
        return new EventDraft(type, at, WorkflowId: workflowId, PhaseId: phaseId, Status: status.ToWire(), OldStatus: oldStatus.ToWire(), Owner: owner, Notify: notify);
    }

    /// <summary>A workflow was created; it has an event only when it was created already running (a file run at once).</summary>
    public static EventDraft? ForWorkflowCreated(WorkflowRecord workflow) =>
        workflow.Status == WorkflowState.Running
            ? new EventDraft(EventTypes.WorkflowStarted, workflow.StartedAt ?? workflow.CreatedAt, WorkflowId: workflow.Id,
                Status: workflow.Status.ToWire(), Owner: workflow.CreatedBy)
            : null;

    /// <summary>A workflow's status changed; null unless it started or ended. Its end tells its owner.</summary>
    public static EventDraft? ForWorkflow(string workflowId, WorkflowState oldStatus, WorkflowState status, string? error, string? owner, DateTimeOffset at)
    {
        // Pausing and resuming show in the status and in the tasks' own events; they are not a start or an end.
        if (oldStatus == status || status is WorkflowState.Draft or WorkflowState.Pending or WorkflowState.Paused or WorkflowState.InputRequired
            || (oldStatus == WorkflowState.Paused && status == WorkflowState.Running))
        {
            return null;
        }

        var type = status switch
        {
            WorkflowState.Running => EventTypes.WorkflowStarted,
            WorkflowState.Completed => EventTypes.WorkflowCompleted,
            WorkflowState.Failed => EventTypes.WorkflowFailed,
            _ => EventTypes.WorkflowCancelled,
        };
        return new EventDraft(type, at, WorkflowId: workflowId, Status: status.ToWire(), OldStatus: oldStatus.ToWire(), Message: error,
            Owner: owner, Notify: status.IsEnded() ? NotificationKinds.Update : null);
    }

    /// <summary>A milestone of a task (which belongs to its workflow and phase too, so that workflow filters see it) or of a workflow.</summary>
    public static EventDraft ForMilestone(string? taskId, string? workflowId, string? phaseId, string message, string? owner, DateTimeOffset at) =>
        new(EventTypes.Milestone, at, taskId, workflowId, phaseId, Message: message, Owner: owner, Notify: NotificationKinds.Milestone);

    /// <summary>The event <c>baton webhook test</c> sends to one subscription.</summary>
    public static EventDraft ForWebhookTest(string subscriptionId, DateTimeOffset at) =>
        new(EventTypes.WebhookTest, at, Message: $"A test of webhook {subscriptionId}");

    /// <summary>
    /// An agent's or workflow's failure rate crossed its threshold: everyone who hears failures is told, with the
    /// figures in data (agent or workflow, failed, decided, rate, threshold, window_seconds).
    /// </summary>
    public static EventDraft ForFailureRateAlert(Alerts.FailureRateRule rule, int failed, int decided, DateTimeOffset at)
    {
        var rate = decided == 0 ? 0 : (double)failed / decided;
        var message = $"{rule.Subject}: {failed} of {decided} runs failed ({Alerts.FailureRateRules.Percent(rate)}) in the last "
            + $"{Alerts.FailureRateAlerts.Describe(rule.Window)}, at or over the {Alerts.FailureRateRules.Percent(rule.Threshold)} threshold";
        var data = new System.Text.Json.Nodes.JsonObject
        {
            [rule.Agent is null ? "workflow" : "agent"] = rule.Agent ?? rule.Workflow,
            ["failed"] = failed,
            ["decided"] = decided,
            ["rate"] = Math.Round(rate, 4),
            ["threshold"] = rule.Threshold,
            ["window_seconds"] = (long)rule.Window.TotalSeconds,
        };
        return new EventDraft(EventTypes.AlertFailureRate, at, Message: message, Notify: NotificationKinds.TaskFailure, Data: data.ToJsonString());
    }

    /// <summary>
    /// An agent saved a capsule in its task: an event of the task (and its workflow and phase), with the capsule's id
    /// in data (capsule_id, and session_id when known). Nobody is notified: the capsule is for the next session.
    /// </summary>
    public static EventDraft ForContextSaved(Sessions.CapsuleRecord capsule, string? phaseId, string? owner)
    {
        var data = new System.Text.Json.Nodes.JsonObject { ["capsule_id"] = capsule.Id };
        if (capsule.SessionId is { } session)
        {
            data["session_id"] = session;
        }

        return new EventDraft(EventTypes.ContextSaved, capsule.CreatedAt, capsule.TaskId, capsule.WorkflowId, phaseId, capsule.AttemptNumber,
            Message: capsule.Capsule.CurrentTask, Owner: owner, Data: data.ToJsonString());
    }
}
