namespace Baton.Core.Application.Views;

/// <summary>
/// Where a task stands, for pollers (<c>GET /api/v1/tasks/{task_id}/status</c>): its status, progress with
/// an estimate from earlier runs of tasks of the same name, timestamps, attempts, error, tokens and cost.
/// </summary>
public sealed record TaskStatusView
{
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    /// <summary>Always present; its fields are null when unknown (no history to estimate from, or agents that do not say).</summary>
    public required ProgressView Progress { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Now plus the estimated time remaining, while the task has not ended and there is an estimate.</summary>
    public DateTimeOffset? EstimatedCompletion { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    /// <summary>True while it waits for its dependencies (or for its workflow to start).</summary>
    public required bool Blocked { get; init; }
    public required bool CancelRequested { get; init; }
    public string? WorkflowId { get; init; }
    public string? PhaseId { get; init; }
    public required int AttemptCount { get; init; }
    public required int MaxRetries { get; init; }
    public string? Error { get; init; }
    /// <summary>Tool calls the agent's CLI refused in the last finished attempt.</summary>
    public required IReadOnlyList<Runners.Agents.PermissionDenial> PermissionDenials { get; init; }
    /// <summary>
    /// One line on a completion that is not a clean success (refused tool calls), or on a queued task that no live
    /// worker can run (it requires labels none has).
    /// </summary>
    public string? Notice { get; init; }
    public TokensView? Tokens { get; init; }
    public decimal? CostUsd { get; init; }
    /// <summary>True when the cost is Baton's estimate from the price table (the CLI reported none).</summary>
    public bool? CostEstimated { get; init; }
    public required IReadOnlyList<AttemptView> Attempts { get; init; }
}
