namespace Baton.Core.Application.Views;

/// <summary>
/// A task as every interface shows it (CLI --json, REST, MCP): the public field names in snake_case.
/// </summary>
public sealed record TaskView
{
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Priority { get; init; }
    public required string Runner { get; init; }
    public string? Program { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public string? AgentName { get; init; }
    public string? Model { get; init; }
    public required string WorkingDirectory { get; init; }
    /// <summary>The task's own branch, when it runs in a worktree.</summary>
    public string? WorktreeBranch { get; init; }
    /// <summary>Names only: values may be secrets.</summary>
    public required IReadOnlyList<string> EnvironmentKeys { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>Labels a worker must have to run it; empty for any worker.</summary>
    public IReadOnlyList<string> RequiresLabels { get; init; } = [];
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    /// <summary>Bound on each attempt's run time; time spent waiting for a person does not count.</summary>
    public int? TimeoutSeconds { get; init; }
    /// <summary>How long the agent's questions wait for a person; null: the agent's setting, else wait.</summary>
    public int? InputTimeoutSeconds { get; init; }
    /// <summary>The most the task's attempts may cost in all, in USD; null for no limit.</summary>
    public decimal? BudgetUsd { get; init; }
    /// <summary>deny, fail or pause; null: the agent's setting, else deny.</summary>
    public string? OnInputTimeout { get; init; }
    public required int MaxRetries { get; init; }
    public required string RetryBackoff { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>Who queued it: <c>cli:USER</c>, <c>mcp:USER</c>, <c>token:NAME</c> or <c>loopback</c>.</summary>
    public string? CreatedBy { get; init; }
    public string? WorkflowId { get; init; }
    public string? PhaseId { get; init; }
    /// <summary>Tasks that must complete before this one starts.</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }
    /// <summary>True while it waits for its dependencies (or for its workflow to start).</summary>
    public required bool Blocked { get; init; }
    /// <summary>The task whose agent session it took up (forked or continued), if any.</summary>
    public SessionFromView? SessionFrom { get; init; }
    /// <summary>What it was told of its upstream tasks' results.</summary>
    public string? UpstreamContext { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RunAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required int AttemptCount { get; init; }
    public required bool CancelRequested { get; init; }
    /// <summary>True while a pause asked of the running task waits for its worker to interrupt the agent.</summary>
    public bool PauseRequested { get; init; }
    /// <summary>Why it was paused, as the person who paused it said.</summary>
    public string? PauseReason { get; init; }
    /// <summary>What the task waits for a person to answer (status input_required), with the commands that answer it.</summary>
    public InteractionView? OpenInteraction { get; init; }
    public ProgressView? Progress { get; init; }
    public string? SessionId { get; init; }
    public TokensView? Tokens { get; init; }
    public decimal? CostUsd { get; init; }
    public bool? CostEstimated { get; init; }
    public string? Result { get; init; }
    public string? Error { get; init; }
    /// <summary>Tool calls the agent's CLI refused in the last finished attempt: a completion with any is not a clean success.</summary>
    public required IReadOnlyList<Runners.Agents.PermissionDenial> PermissionDenials { get; init; }
    /// <summary>
    /// One line on a completion that is not a clean success, e.g. <c>1 tool call refused: Bash `echo hi > out.txt`</c>;
    /// on a queued task no live worker will claim (none runs tasks, or none has its labels), why it waits (worked out when asked, not stored).
    /// </summary>
    public string? Notice { get; init; }
    public IReadOnlyList<AttemptView>? Attempts { get; init; }
}
