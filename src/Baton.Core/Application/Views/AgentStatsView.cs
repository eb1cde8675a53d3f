using Baton.Core.Storage;

namespace Baton.Core.Application.Views;

/// <summary>One agent's runs in the window of GET /api/v1/agents/stats.</summary>
public sealed record AgentStatsView
{
    /// <summary>The agent definition's name.</summary>
    public required string Agent { get; init; }

    /// <summary>Its tasks that ended in the window: completed, failed, timed out or cancelled.</summary>
    public required int Runs { get; init; }

    public required int Succeeded { get; init; }

    /// <summary>Failed or timed out.</summary>
    public required int Failed { get; init; }

    /// <summary>succeeded / (succeeded + failed), 0 to 1; null when none of them succeeded or failed (all cancelled).</summary>
    public double? SuccessRate { get; init; }

    public required decimal CostUsd { get; init; }

    public required TokensView Tokens { get; init; }

    /// <summary>The view of a store's figures.</summary>
    public static AgentStatsView Of(AgentRunStats stats) => new()
    {
        Agent = stats.Agent,
        Runs = stats.Runs,
        Succeeded = stats.Succeeded,
        Failed = stats.Failed,
        SuccessRate = stats.Succeeded + stats.Failed == 0 ? null : Math.Round((double)stats.Succeeded / (stats.Succeeded + stats.Failed), 4),
        CostUsd = stats.CostUsd,
        Tokens = new TokensView(stats.InputTokens, stats.OutputTokens, stats.CacheReadTokens, stats.CacheWriteTokens),
    };
}
