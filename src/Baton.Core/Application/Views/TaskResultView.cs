namespace Baton.Core.Application.Views;

/// <summary>
/// The outcome of an ended task (<c>GET /api/v1/tasks/{task_id}/result</c>): its result or error and, for
/// agents in a git working directory, the files changed and the commits made.
/// </summary>
public sealed record TaskResultView
{
    public required string TaskId { get; init; }
    public required string Status { get; init; }
    /// <summary>The tail of a command's stdout, or an agent's final text; null unless it completed.</summary>
    public string? Result { get; init; }
    /// <summary><c>stdout</c> (a command's output) or <c>summary</c> (an agent's final text); null without a result.</summary>
    public string? ResultType { get; init; }
    public string? Error { get; init; }
    /// <summary>Tool calls the agent's CLI refused in the last attempt: the result may not be what was asked for.</summary>
    public required IReadOnlyList<Runners.Agents.PermissionDenial> PermissionDenials { get; init; }
    /// <summary>One line on a completion that is not a clean success (refused tool calls).</summary>
    public string? Notice { get; init; }
    public int? ExitCode { get; init; }
    /// <summary>Files that differ from where the agent's last attempt started (committed or not).</summary>
    public required IReadOnlyList<string> FilesChanged { get; init; }
    /// <summary>Commits made during the agent's last attempt, newest first.</summary>
    public required IReadOnlyList<string> Commits { get; init; }
    public TokensView? Tokens { get; init; }
    public decimal? CostUsd { get; init; }
    /// <summary>True when the cost is Baton's estimate from the price table (the CLI reported none).</summary>
    public bool? CostEstimated { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
