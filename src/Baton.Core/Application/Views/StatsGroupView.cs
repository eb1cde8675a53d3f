using Baton.Core.Storage;

namespace Baton.Core.Application.Views;

/// <summary>One group of GET /api/v1/stats (or the total): how its tasks that ended in the window went.</summary>
public sealed record StatsGroupView
{
    /// <summary>The agent, workflow name, runner or day (yyyy-MM-dd, UTC); null for the total and for tasks without one.</summary>
    public string? Key { get; init; }

    /// <summary>Tasks that ended: completed, failed, timed out or cancelled.</summary>
    public required int Runs { get; init; }

    public required int Succeeded { get; init; }

    /// <summary>Failed or timed out.</summary>
    public required int Failed { get; init; }

    public required int Cancelled { get; init; }

    /// <summary>succeeded / (succeeded + failed), 0 to 1; null when none of them succeeded or failed.</summary>
    public double? SuccessRate { get; init; }

    /// <summary>From first start to end, over the tasks that started; nearest-rank percentiles.</summary>
    public required PercentilesView DurationMs { get; init; }

    /// <summary>From due (created, or run_at) to first start.</summary>
    public required PercentilesView QueueWaitMs { get; init; }

    /// <summary>Attempts beyond each task's first.</summary>
    public required long Retries { get; init; }

    public required decimal CostUsd { get; init; }

    public required TokensView Tokens { get; init; }

    /// <summary>The view of a store's figures.</summary>
    public static StatsGroupView Of(TaskStatsGroup group) => new()
    {
        Key = group.Key,
        Runs = group.Runs,
        Succeeded = group.Succeeded,
        Failed = group.Failed,
        Cancelled = group.Cancelled,
        SuccessRate = group.Succeeded + group.Failed == 0 ? null : Math.Round((double)group.Succeeded / (group.Succeeded + group.Failed), 4),
        DurationMs = new PercentilesView(group.DurationP50Ms, group.DurationP95Ms),
        QueueWaitMs = new PercentilesView(group.QueueWaitP50Ms, group.QueueWaitP95Ms),
        Retries = group.Retries,
        CostUsd = group.CostUsd,
        Tokens = new TokensView(group.InputTokens, group.OutputTokens, group.CacheReadTokens, group.CacheWriteTokens),
    };
}
