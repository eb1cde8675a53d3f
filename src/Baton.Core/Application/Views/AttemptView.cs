namespace Baton.Core.Application.Views;

/// <summary>One attempt as every interface shows it.</summary>
public sealed record AttemptView
{
    public required int Attempt { get; init; }
    public required string Status { get; init; }
    public int? ExitCode { get; init; }
    public int? Signal { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
    public string? Error { get; init; }
    public string? LogPath { get; init; }
    public int? Pid { get; init; }
    public required string WorkerId { get; init; }
    public string? SessionId { get; init; }
    public string? CurrentStep { get; init; }
    public int? Turns { get; init; }
    public int? ApiRetries { get; init; }
    /// <summary>How the agent's CLI reported the run: subtype, is_error, errors, permission denials, tokens per model, cost.</summary>
    public Runners.Agents.AgentRunDetails? Agent { get; init; }
}
