using Baton.Core.Costs;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Tests.Costs;

public sealed class CostEstimatesTests
{
    [Fact]
    public void Apply_TokensWithoutCost_EstimatesPerModelAndInAllAndSaysSo()
    {
        var details = new AgentRunDetails
        {
            Models = new Dictionary<string, ModelUsage>
            {
                ["gpt-5"] = new(1_000_000, 0, 0, 0, null),
                ["gemini-2.5-flash"] = new(0, 1_000_000, 0, 0, null),
            },
        };

        var estimated = CostEstimates.Apply(details, PriceTable.Default);

        Assert.True(estimated.CostEstimated);
        Assert.Equal(1.25m + 2.5m, estimated.CostUsd);
        Assert.Equal(1.25m, estimated.Models["gpt-5"].CostUsd);
        Assert.Equal(2.5m, estimated.Models["gemini-2.5-flash"].CostUsd);
    }

    [Fact]
    public void Apply_CostReportedByTheCli_KeepsItUnestimated()
    {
        var details = new AgentRunDetails
        {
            Models = new Dictionary<string, ModelUsage> { ["claude-sonnet-4-5"] = new(1000, 1000, 0, 0, 0.02m) },
            CostUsd = 0.02m,
        };

        var result = CostEstimates.Apply(details, PriceTable.Default);

        Assert.Same(details, result);
        Assert.False(result.CostEstimated);
    }

    [Fact]
    public void Apply_OnlyUnknownModels_LeavesTheCostUnknown()
    {
        var details = new AgentRunDetails { Models = new Dictionary<string, ModelUsage> { ["llama-3"] = new(1000, 1000, 0, 0, null) } };

        var result = CostEstimates.Apply(details, PriceTable.Default);

        Assert.Null(result.CostUsd);
        Assert.False(result.CostEstimated);
    }
}
