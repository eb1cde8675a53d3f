using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Storage;

/// <summary>The result of queuing: the task, and whether it was created now or found by its idempotency key.</summary>
public sealed record EnqueueResult(TaskRecord Task, bool Created);

/// <summary>What a cancel did.</summary>
public enum CancelOutcome
{
    /// <summary>No such task.</summary>
    NotFound,
    /// <summary>It had already ended; nothing changed.</summary>
    AlreadyEnded,
    /// <summary>It was cancelled at once.</summary>
    Cancelled,
    /// <summary>It was running; its worker will stop it.</summary>
    Requested,
}

/// <summary>The result of a cancel, with the task as it is now.</summary>
public sealed record CancelResult(CancelOutcome Outcome, TaskRecord? Task);

/// <summary>What recording an attempt's end did.</summary>
public enum FinishOutcome
{
    /// <summary>The attempt no longer held its lease (fenced); nothing changed.</summary>
    Rejected,
    /// <summary>Recorded; nothing else moved.</summary>
    Recorded,
    /// <summary>Recorded, and the tasks that depend on it (or its workflow) moved on: some may be ready to run.</summary>
    RecordedAndAdvanced,
}

/// <summary>What a manual retry did.</summary>
public enum RequeueOutcome
{
    /// <summary>No such task.</summary>
    NotFound,
    /// <summary>It is not failed, cancelled or timed out; nothing changed.</summary>
    NotRetryable,
    /// <summary>It is queued again.</summary>
    Requeued,
    /// <summary>Its workflow was cancelled; nothing changed.</summary>
    WorkflowCancelled,
}

/// <summary>The result of a manual retry, with the task as it is now.</summary>
public sealed record RequeueResult(RequeueOutcome Outcome, TaskRecord? Task);

/// <summary>A claimed task, the attempt created for it, and how the attempt before it ended (if any).</summary>
/// <param name="Task">The task.</param>
/// <param name="Attempt">The attempt created for it.</param>
/// <param name="Previous">The task's attempt before this one.</param>
/// <param name="SessionSource">
/// For a task that takes up another task's session (<see cref="TaskDefinition.Session"/>): that task's latest attempt
/// with an agent session, or null if it never had one.
/// </param>
public sealed record Claim(TaskRecord Task, AttemptKey Attempt, PreviousAttempt? Previous = null, PreviousAttempt? SessionSource = null);

/// <summary>The attempt before a claimed one: an interrupted agent attempt's session can be resumed.</summary>
public sealed record PreviousAttempt(AttemptState Status, string? SessionId, decimal? CostUsd = null)
{
    /// <summary>Its session's tokens per model so far (running totals), for a resume to count only its own.</summary>
    public IReadOnlyDictionary<string, Runners.Agents.ModelUsage>? UsageBefore { get; init; }

    /// <summary>The previous attempt as a store read it: its status, session and recorded details.</summary>
    public static PreviousAttempt From(AttemptState status, string? sessionId, Runners.Agents.AgentRunDetails? details) =>
        new(status, sessionId, details?.CostUsd) { UsageBefore = details?.SessionModels ?? details?.Models };
}

/// <summary>Filters for listing tasks, newest first.</summary>
/// <param name="Status">Only tasks with this status.</param>
/// <param name="Tag">Only tasks with this tag.</param>
/// <param name="Limit">At most this many tasks.</param>
/// <param name="WorkflowId">Only tasks of this workflow.</param>
/// <param name="AfterId">
/// Paging: only tasks queued before this one (the last task of the previous page). An id that names no task gives an
/// empty page.
/// </param>
public sealed record TaskQuery(TaskState? Status = null, string? Tag = null, int Limit = 20, string? WorkflowId = null, string? AfterId = null)
{
    /// <summary>Only tasks in any of these statuses (empty: no such filter); <see cref="Status"/>, if set, counts as one of them.</summary>
    public IReadOnlyList<TaskState> AnyStatus { get; init; } = [];

    /// <summary>Only tasks queued with this agent definition (its name).</summary>
    public string? AgentName { get; init; }

    /// <summary>Only tasks created by this caller (as recorded: <c>cli:alice</c>, <c>token:ci</c>, ...).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Only tasks created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only tasks created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Only tasks whose name contains this text, ignoring ASCII case.</summary>
    public string? NameContains { get; init; }

    /// <summary>Every status asked for, without repeats; empty when the status is not filtered.</summary>
    public IReadOnlyList<TaskState> Statuses =>
        Status is { } one ? [.. AnyStatus.Append(one).Distinct()] : [.. AnyStatus.Distinct()];
}

/// <summary>How an attempt ended and where its task goes next.</summary>
public sealed record AttemptFinish
{
    /// <summary>The attempt (the fencing token).</summary>
    public required AttemptKey Attempt { get; init; }

    /// <summary>The worker that must still hold it.</summary>
    public required string WorkerId { get; init; }

    /// <summary>The attempt's final status.</summary>
    public required AttemptState AttemptStatus { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>The main process's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended it.</summary>
    public int? Signal { get; init; }

    /// <summary>The attempt's error.</summary>
    public string? Error { get; init; }

    /// <summary>The attempt's log file.</summary>
    public string? LogPath { get; init; }

    /// <summary>For agent runners: how the agent's CLI reported the run.</summary>
    public Runners.Agents.AgentRunDetails? Details { get; init; }

    /// <summary>The task's next status.</summary>
    public required TaskState TaskStatus { get; init; }

    /// <summary>The task's result (on completion).</summary>
    public string? Result { get; init; }

    /// <summary>When the task may be claimed again (for pending and retrying).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>True if this attempt counts against the task's retry budget.</summary>
    public bool CountsAsFailure { get; init; }

    /// <summary>Tool calls the agent's CLI refused during the attempt; kept on the task.</summary>
    public IReadOnlyList<Runners.Agents.PermissionDenial> PermissionDenials { get; init; } = [];

    /// <summary>For a completion that is not a clean success: what to tell (see <see cref="TaskRecord.Notice"/>).</summary>
    public string? Notice { get; init; }
}

/// <summary>An attempt that some worker holds, as the rescuer sees it.</summary>
public sealed record RunningAttempt(AttemptKey Attempt, string WorkerId, DateTimeOffset LeaseExpiresAt, ProcessIdentity? Process, int RescueCount);

/// <summary>How a lost attempt is closed and where its task goes.</summary>
public sealed record AttemptRescue
{
    /// <summary>The lost attempt.</summary>
    public required AttemptKey Attempt { get; init; }

    /// <summary>The worker that held it.</summary>
    public required string WorkerId { get; init; }

    /// <summary>When it was rescued.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Why: recorded on the attempt.</summary>
    public required string Reason { get; init; }

    /// <summary>Pending (re-queued) or Failed (rescues exhausted).</summary>
    public required TaskState TaskStatus { get; init; }

    /// <summary>The task's error, when it fails.</summary>
    public string? TaskError { get; init; }
}

/// <summary>What answering an interaction did.</summary>
public enum RespondOutcome
{
    /// <summary>No such interaction.</summary>
    NotFound,
    /// <summary>Answered now.</summary>
    Answered,
    /// <summary>It was answered before; nothing changed.</summary>
    AlreadyAnswered,
    /// <summary>It was withdrawn (the agent no longer waits, or its task ended); nothing changed.</summary>
    Withdrawn,
    /// <summary>It expired (nobody answered within its input timeout); nothing changed.</summary>
    Expired,
}

/// <summary>The result of answering, with the interaction as it is now.</summary>
public sealed record RespondResult(RespondOutcome Outcome, Interactions.InteractionRecord? Interaction);

/// <summary>What a pause, resume or priority change did.</summary>
public enum TaskChangeOutcome
{
    /// <summary>No such task.</summary>
    NotFound,
    /// <summary>Done at once.</summary>
    Changed,
    /// <summary>The task is running: its worker carries the change out (a pause interrupts the agent).</summary>
    Requested,
    /// <summary>The task's status does not allow it; nothing changed.</summary>
    NotAllowed,
}

/// <summary>The result of a pause, resume or priority change, with the task as it is now.</summary>
public sealed record TaskChangeResult(TaskChangeOutcome Outcome, TaskRecord? Task);

/// <summary>
/// What people asked of one of a worker's running attempts that it has not carried out yet: only attempts with
/// something to do are listed.
/// </summary>
/// <param name="Attempt">The running attempt.</param>
/// <param name="CancelRequested">The task is to be cancelled.</param>
/// <param name="PauseRequested">The task is to be paused (the agent interrupted, its session kept).</param>
/// <param name="Messages">Undelivered steering messages for the task, oldest first.</param>
/// <param name="Answers">Interactions of this attempt that are answered (or expired with a policy answer) and not yet delivered.</param>
public sealed record AttemptInstructions(
    AttemptKey Attempt,
    bool CancelRequested,
    bool PauseRequested,
    IReadOnlyList<Interactions.SteeringMessage> Messages,
    IReadOnlyList<Interactions.InteractionRecord> Answers);
