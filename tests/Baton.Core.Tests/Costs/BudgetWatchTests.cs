using Baton.Core.Costs;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Tests.Costs;

public sealed class BudgetWatchTests
{
    [Fact]
    public void Observe_UsagePricedPastWhatIsLeft_StopsOnceAndAccountsTheEstimate()
    {
        var stops = 0;
        var watch = new BudgetWatch(1.00m, PriceTable.Default, () => stops++);

        // gpt-5: 400k input at $1.25/M = $0.50, then 800k = $1.00, then 1.2M = $1.50.
        foreach (var input in new long[] { 400_000, 800_000, 1_200_000 })
        {
            watch.Observe(new AgentProgress("thread-1", null, 1, 0, new Dictionary<string, ModelUsage> { ["gpt-5"] = new(input, 0, 0, 0, null) }));
        }

        var details = watch.Account(null);
        Assert.Equal(1, stops);
        Assert.True(watch.Stopped);
        Assert.Equal(1.50m, details.CostUsd);
        Assert.True(details.CostEstimated);
        Assert.Equal("thread-1", details.SessionId);
    }

    [Fact]
    public void Observe_ProgressWithoutUsage_NeverStops()
    {
        var watch = new BudgetWatch(0.01m, PriceTable.Default, () => Assert.Fail("stopped without usage"));

        watch.Observe(new AgentProgress("s", "Bash: ls", 3, 0));

        Assert.False(watch.Stopped);
    }
}
