namespace Baton.Core.Runners.Agents;

/// <summary>Turns a resumed session's running totals, as some CLIs report them, into one attempt's own figures.</summary>
public static class SessionUsage
{
    /// <summary>
    /// <paramref name="details"/> with <see cref="AgentRunDetails.Models"/> reduced by what the session had used
    /// before this attempt (<paramref name="before"/>), and the totals kept in
    /// <see cref="AgentRunDetails.SessionModels"/> for the next resume. A total below the figure before (the CLI
    /// started counting afresh) is taken as this attempt's own.
    /// </summary>
    public static AgentRunDetails PerAttempt(AgentRunDetails details, IReadOnlyDictionary<string, ModelUsage>? before)
    {
        if (before is null || before.Count == 0 || details.Models.Count == 0)
        {
            return details;
        }

        var own = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        foreach (var (model, total) in details.Models)
        {
            own[model] = before.TryGetValue(model, out var earlier) && Covers(total, earlier)
                ? new ModelUsage(
                    total.InputTokens - earlier.InputTokens,
                    total.OutputTokens - earlier.OutputTokens,
                    total.CacheReadTokens - earlier.CacheReadTokens,
                    total.CacheWriteTokens - earlier.CacheWriteTokens,
                    total.CostUsd is { } cost && earlier.CostUsd is { } costBefore && cost >= costBefore ? cost - costBefore : total.CostUsd)
                : total;
        }

        return details with { Models = own, SessionModels = details.Models };
    }

    private static bool Covers(ModelUsage total, ModelUsage earlier) =>
        total.InputTokens >= earlier.InputTokens && total.OutputTokens >= earlier.OutputTokens
        && total.CacheReadTokens >= earlier.CacheReadTokens && total.CacheWriteTokens >= earlier.CacheWriteTokens;
}
