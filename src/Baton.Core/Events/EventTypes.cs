namespace Baton.Core.Events;

/// <summary>
/// The event types of the log, as they appear on the wire (SSE <c>event:</c>, webhook <c>type</c>, hooks'
/// <c>BATON_EVENT</c>). The store's triggers write them; this list is what filters are checked against.
/// </summary>
public static class EventTypes
{
    public const string TaskCreated = "task.created";
    public const string TaskStarted = "task.started";
    public const string TaskProgress = "task.progress";
    public const string TaskRetrying = "task.retrying";
    public const string TaskInputRequired = "task.input_required";
    public const string TaskPaused = "task.paused";
    public const string TaskCompleted = "task.completed";
    public const string TaskFailed = "task.failed";
    public const string TaskCancelled = "task.cancelled";
    public const string TaskTimedOut = "task.timed_out";
    public const string PhaseStarted = "phase.started";
    public const string PhaseCompleted = "phase.completed";
    public const string PhaseFailed = "phase.failed";
    public const string PhaseCancelled = "phase.cancelled";
    public const string PhaseInputRequired = "phase.input_required";
    public const string InteractionAnswered = "interaction.answered";
    public const string WorkflowStarted = "workflow.started";
    public const string WorkflowCompleted = "workflow.completed";
    public const string WorkflowFailed = "workflow.failed";
    public const string WorkflowCancelled = "workflow.cancelled";
    public const string Milestone = "milestone";

    /// <summary>A schedule's occurrence queued its task.</summary>
    public const string ScheduleFired = "schedule.fired";

    /// <summary>A schedule's occurrence did not run (the previous run was still going, or its task was invalid); the message says why.</summary>
    public const string ScheduleSkipped = "schedule.skipped";

    /// <summary>A schedule's occurrence fell while no daemon ran and its misfire policy let it go.</summary>
    public const string ScheduleMissed = "schedule.missed";

    /// <summary>A schedule was paused, by a person or after failed runs in a row.</summary>
    public const string SchedulePaused = "schedule.paused";

    /// <summary>Sent by <c>baton webhook test</c> to one subscription only; never fanned out.</summary>
    public const string WebhookTest = "webhook.test";

    /// <summary>The failure rate of an agent or workflow crossed its configured threshold (once per crossing).</summary>
    public const string AlertFailureRate = "alert.failure_rate";

    /// <summary>An agent saved a context capsule in its task (data: <c>capsule_id</c>).</summary>
    public const string ContextSaved = "context.saved";

    /// <summary>Every type a filter may name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TaskCreated, TaskStarted, TaskProgress, TaskRetrying, TaskInputRequired, TaskPaused, TaskCompleted, TaskFailed,
        TaskCancelled, TaskTimedOut, PhaseStarted, PhaseCompleted, PhaseFailed, PhaseCancelled, PhaseInputRequired, InteractionAnswered, WorkflowStarted,
        WorkflowCompleted, WorkflowFailed, WorkflowCancelled, Milestone,
        ScheduleFired, ScheduleSkipped, ScheduleMissed, SchedulePaused,
        AlertFailureRate,
        ContextSaved,
    ];

    /// <summary>The types a task's own <c>webhook_url</c> hears: how it ends, and when it needs a person.</summary>
    public static IReadOnlyList<string> TaskWebhookDefaults { get; } =
        [TaskCompleted, TaskFailed, TaskTimedOut, TaskCancelled, TaskRetrying, TaskInputRequired, Milestone];

    /// <summary>The types that end a task.</summary>
    public static bool IsTaskEnd(string type) => type is TaskCompleted or TaskFailed or TaskCancelled or TaskTimedOut;
}
