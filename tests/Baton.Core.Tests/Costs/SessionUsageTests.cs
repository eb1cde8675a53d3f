using Baton.Core.Runners.Agents;

namespace Baton.Core.Tests.Costs;

public sealed class SessionUsageTests
{
    [Fact]
    public void PerAttempt_RunningTotalOfAResumedThread_KeepsOnlyWhatThisAttemptAdded()
    {
        var before = new Dictionary<string, ModelUsage> { ["gpt-5"] = new(100, 50, 1000, 0, null) };
        var details = new AgentRunDetails { Models = new Dictionary<string, ModelUsage> { ["gpt-5"] = new(130, 80, 1500, 0, null) } };

        var own = SessionUsage.PerAttempt(details, before);

        Assert.Equal(new ModelUsage(30, 30, 500, 0, null), own.Models["gpt-5"]);
        Assert.Equal(new ModelUsage(130, 80, 1500, 0, null), own.SessionModels!["gpt-5"]);
    }

    [Fact]
    public void PerAttempt_TotalBelowTheFigureBefore_TakesTheTotalAsTheAttemptsOwn()
    {
        var before = new Dictionary<string, ModelUsage> { ["gpt-5"] = new(100, 50, 0, 0, null) };
        var details = new AgentRunDetails { Models = new Dictionary<string, ModelUsage> { ["gpt-5"] = new(10, 5, 0, 0, null) } };

        var own = SessionUsage.PerAttempt(details, before);

        Assert.Equal(new ModelUsage(10, 5, 0, 0, null), own.Models["gpt-5"]);
    }

    [Fact]
    public void PerAttempt_NothingBefore_LeavesTheDetailsAlone()
    {
        var details = new AgentRunDetails { Models = new Dictionary<string, ModelUsage> { ["gpt-5"] = new(10, 5, 0, 0, null) } };

        Assert.Same(details, SessionUsage.PerAttempt(details, null));
    }
}
