namespace Baton.Core.Notifications;

/// <summary>The kinds of notification a person receives, as they appear on the wire (<c>type</c> of a notification).</summary>
public static class NotificationKinds
{
    public const string TaskComplete = "task_complete";
    public const string TaskFailure = "task_failure";
    public const string PhaseStart = "phase_start";
    public const string PhaseComplete = "phase_complete";
    public const string Milestone = "milestone";
    public const string Update = "update";
    public const string InputRequired = "input_required";
}
