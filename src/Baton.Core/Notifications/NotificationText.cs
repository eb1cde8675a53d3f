using Baton.Core.Events;

namespace Baton.Core.Notifications;

/// <summary>
/// The one line a person reads for a notification, written when it is read (so a renamed task reads with its name
/// of the moment). A milestone is its own text.
/// </summary>
public static class NotificationText
{
    /// <summary>The wording of the notification of <paramref name="source"/>.</summary>
    public static string Format(NotificationSource source)
    {
        if (source.EventType == EventTypes.Milestone)
        {
            return source.Message ?? string.Empty;
        }

        var detail = source.Message is null ? string.Empty : ": " + source.Message;
        if (source.TaskId is { } taskId)
        {
            var what = source.EventType switch
            {
                EventTypes.TaskCompleted => "completed",
                EventTypes.TaskFailed => "failed",
                EventTypes.TaskTimedOut => "timed out",
                EventTypes.TaskCancelled => "was cancelled",
                EventTypes.TaskRetrying => "will be retried",
                EventTypes.TaskPaused => "was paused",
                EventTypes.InteractionAnswered => "was answered",
                _ => "needs your input",
            };
            return $"Task \"{source.TaskName ?? taskId}\" ({taskId}) {what}{detail}";
        }

        var workflow = source.WorkflowName ?? source.WorkflowId;
        if (source.PhaseId is { } phaseId)
        {
            var what = source.EventType switch
            {
                EventTypes.PhaseStarted => "started",
                EventTypes.PhaseCompleted => "completed",
                EventTypes.PhaseInputRequired => "waits for your approval",
                EventTypes.InteractionAnswered => "was answered",
                _ => "failed",
            };
            var said = source.EventType is EventTypes.PhaseInputRequired or EventTypes.InteractionAnswered ? detail : string.Empty;
            return $"Phase \"{source.PhaseName ?? phaseId}\" of workflow \"{workflow}\" {what}{said}";
        }

        var ended = source.EventType switch
        {
            EventTypes.WorkflowCompleted => "completed",
            EventTypes.WorkflowFailed => "failed",
            _ => "was cancelled",
        };
        return $"Workflow \"{workflow}\" ({source.WorkflowId}) {ended}{detail}";
    }
}
