namespace Baton.Core.Tasks;

/// <summary>A task as stored: its definition and its current state.</summary>
public sealed record TaskRecord
{
    /// <summary>The task id.</summary>
    public required string Id { get; init; }

    /// <summary>What was asked for.</summary>
    public required TaskDefinition Definition { get; init; }

    /// <summary>The current status.</summary>
    public required TaskState Status { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it may next be claimed (its start time, or the end of a retry backoff).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When its first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a terminal status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many attempts have been started.</summary>
    public int AttemptCount { get; init; }

    /// <summary>Failed attempts since it was queued or last retried by hand; compared with MaxRetries.</summary>
    public int FailureCount { get; init; }

    /// <summary>How many times an attempt was rescued after its worker died.</summary>
    public int RescueCount { get; init; }

    /// <summary>The tail of the successful attempt's standard output.</summary>
    public string? Result { get; init; }

    /// <summary>Why the last attempt did not succeed.</summary>
    public string? Error { get; init; }

    /// <summary>Tool calls the agent's CLI refused during the last finished attempt.</summary>
    public IReadOnlyList<Runners.Agents.PermissionDenial> PermissionDenials { get; init; } = [];

    /// <summary>
    /// A note on a completion that is not a clean success, e.g. <c>1 tool call refused: Bash `echo hi > out.txt`</c>;
    /// notifications and webhooks carry it as the completion's message.
    /// </summary>
    public string? Notice { get; init; }

    /// <summary>A follow-up prompt from <c>baton task continue</c>; its attempts resume the agent's session with it.</summary>
    public string? FollowUp { get; init; }

    /// <summary>Set when a cancel was asked for while an attempt ran; the worker stops it.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>Set when a pause was asked for while an attempt ran; the worker interrupts it and the task is paused.</summary>
    public bool PauseRequested { get; init; }

    /// <summary>Why the task was paused (or is to be), as the person said.</summary>
    public string? PauseReason { get; init; }

    /// <summary>True while a pending task waits for its dependencies (or for its draft workflow to start).</summary>
    public bool Blocked { get; init; }

    /// <summary>The summary of upstream results handed to the task when its dependencies completed.</summary>
    public string? UpstreamContext { get; init; }

    /// <summary>Set when the dependency rules cancelled the task (not a user); a retry upstream re-opens it.</summary>
    public Workflows.CancelCause? CancelCause { get; init; }
}
