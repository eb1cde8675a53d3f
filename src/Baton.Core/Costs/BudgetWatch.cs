using Baton.Core.Runners.Agents;

namespace Baton.Core.Costs;

/// <summary>
/// Watches a running attempt's usage as its CLI reports it and calls <c>stop</c> once when the cost so far (the
/// CLI's where it gives one, else the price table's estimate) reaches what is left of the budget.
/// </summary>
public sealed class BudgetWatch(decimal remainingUsd, PriceTable prices, Action stop)
{
    private int stopped;
    private string? sessionId;

    /// <summary>The attempt's cost so far, by the latest usage seen.</summary>
    public decimal SpentUsd { get; private set; }

    /// <summary>The latest usage seen, with each model's cost filled in; empty before any.</summary>
    public IReadOnlyDictionary<string, ModelUsage> Usage { get; private set; } = new Dictionary<string, ModelUsage>();

    /// <summary>True once the budget was reached and the attempt told to stop.</summary>
    public bool Stopped => Volatile.Read(ref stopped) == 1;

    /// <summary>Takes the agent's latest progress; cheap when it carries no usage.</summary>
    public void Observe(AgentProgress progress)
    {
        sessionId = progress.SessionId ?? sessionId;
        if (progress.Usage is not { Count: > 0 } usage)
        {
            return;
        }

        var priced = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        var spent = 0m;
        foreach (var (model, tokens) in usage)
        {
            var cost = tokens.CostUsd ?? prices.Cost(model, tokens);
            priced[model] = tokens with { CostUsd = cost };
            spent += cost ?? 0;
        }

        Usage = priced;
        SpentUsd = spent;
        if (spent >= remainingUsd && Interlocked.Exchange(ref stopped, 1) == 0)
        {
            stop();
        }
    }

    /// <summary>
    /// The run's details with at least what was seen spent: an agent stopped mid-run often reports no cost (Claude
    /// writes its total only at the end), and the next check must count it.
    /// </summary>
    public AgentRunDetails Account(AgentRunDetails? details)
    {
        details ??= new AgentRunDetails();
        if (details.CostUsd is { } reported && reported >= SpentUsd)
        {
            return details;
        }

        return details with
        {
            // Kept so that the next attempt resumes the session even if the CLI was stopped before it said it.
            SessionId = details.SessionId ?? sessionId,
            Models = details.Models.Count > 0 ? details.Models : Usage,
            CostUsd = decimal.Round(SpentUsd, 6),
            CostEstimated = true,
        };
    }
}
