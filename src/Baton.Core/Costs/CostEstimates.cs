using Baton.Core.Runners.Agents;

namespace Baton.Core.Costs;

/// <summary>Fills in the cost of a run whose CLI reported tokens but no cost, marked as Baton's estimate.</summary>
public static class CostEstimates
{
    /// <summary>
    /// <paramref name="details"/> with a cost per model and in total from <paramref name="prices"/>, flagged
    /// <see cref="AgentRunDetails.CostEstimated"/>; unchanged if the CLI reported a cost, no tokens were counted, or
    /// none of the models has a price (an unknown model is left without a cost rather than guessed).
    /// </summary>
    public static AgentRunDetails Apply(AgentRunDetails details, PriceTable prices)
    {
        if (details.CostUsd is not null || details.Models.Count == 0)
        {
            return details;
        }

        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        decimal? total = null;
        foreach (var (model, usage) in details.Models)
        {
            var cost = usage.CostUsd ?? prices.Cost(model, usage);
            models[model] = usage with { CostUsd = cost };
            total = cost is { } known ? (total ?? 0) + known : total;
        }

        return total is null ? details : details with { Models = models, CostUsd = decimal.Round(total.Value, 6), CostEstimated = true };
    }
}
