namespace Baton.Core.Application.Views;

/// <summary>A workflow as every interface shows it (CLI --json, REST, MCP workflow_status).</summary>
public sealed record WorkflowView
{
    public required string WorkflowId { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Status { get; init; }
    public required string FailurePolicy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Seconds since it started (until it ended).</summary>
    public double? ElapsedSeconds { get; init; }
    public string? Error { get; init; }
    public string? CreatedBy { get; init; }
    /// <summary>When a person paused it (status paused); null while it is not paused.</summary>
    public DateTimeOffset? PausedAt { get; init; }
    public string? PausedBy { get; init; }
    public required WorkflowProgressView Progress { get; init; }
    /// <summary>The sum of its tasks' tokens.</summary>
    public TokensView? Tokens { get; init; }
    /// <summary>The sum of its tasks' cost.</summary>
    public decimal? CostUsd { get; init; }
    /// <summary>True when some of the cost is Baton's estimate from the price table.</summary>
    public bool? CostEstimated { get; init; }
    /// <summary>The most all its tasks may cost together (as raised by people); null: no limit. Spent so far: <see cref="CostUsd"/>.</summary>
    public decimal? BudgetUsd { get; init; }
    public required IReadOnlyList<PhaseView> Phases { get; init; }
}

/// <summary>How far a workflow got: finished tasks out of all tasks, and the time it still needs when history allows.</summary>
public sealed record WorkflowProgressView
{
    /// <summary>Finished (ended in any way) tasks as a percentage of all tasks.</summary>
    public required int Percent { get; init; }
    public required int Total { get; init; }
    public required int Finished { get; init; }
    public required int Completed { get; init; }
    public required int Failed { get; init; }
    public required int Cancelled { get; init; }
    public required int Running { get; init; }
    public required int Pending { get; init; }
    /// <summary>Seconds left: the longest path through unfinished tasks, from earlier runs of tasks with the same names.</summary>
    public long? EstimatedTimeRemaining { get; init; }
    public DateTimeOffset? EstimatedCompletion { get; init; }
}

/// <summary>A phase of a workflow, with its tasks.</summary>
public sealed record PhaseView
{
    public required string PhaseId { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> DependsOn { get; init; }
    public required string Status { get; init; }
    /// <summary>True for a gated phase: it waits in input_required for a person once its dependencies completed.</summary>
    public bool RequiresApproval { get; init; }
    /// <summary>How its gate was decided; null while undecided or without a gate.</summary>
    public PhaseGateView? Gate { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required int Percent { get; init; }
    public required IReadOnlyList<WorkflowTaskView> Tasks { get; init; }
}

/// <summary>A person's decision on a phase's gate.</summary>
/// <param name="Decision">approve or deny.</param>
/// <param name="Message">The approver's feedback, or why it was rejected.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
public sealed record PhaseGateView(string Decision, string? Message, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A task as a workflow's status shows it: enough to follow it, with its id for the full view.</summary>
public sealed record WorkflowTaskView
{
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Runner { get; init; }
    public string? AgentName { get; init; }
    public required IReadOnlyList<string> DependsOn { get; init; }
    /// <summary>True while it waits for its dependencies.</summary>
    public required bool Blocked { get; init; }
    public required int AttemptCount { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public double? ElapsedSeconds { get; init; }
    public string? CurrentStep { get; init; }
    public TokensView? Tokens { get; init; }
    public decimal? CostUsd { get; init; }
    /// <summary>True when some of the cost is Baton's estimate from the price table.</summary>
    public bool? CostEstimated { get; init; }
    public string? Error { get; init; }
}

/// <summary>A workflow in a list.</summary>
public sealed record WorkflowListItemView(
    string WorkflowId, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    int Phases, int Tasks, int Finished, int Completed, int Running, int Percent);

/// <summary>The answer to creating (or running) a workflow: its id at once, its status, and a one-line message.</summary>
public sealed record WorkflowCreatedView(string WorkflowId, string Status, string Message, string? WebhookSecret = null);
