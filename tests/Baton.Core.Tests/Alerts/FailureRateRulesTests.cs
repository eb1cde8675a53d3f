using System.Text.Json;
using Baton.Core.Alerts;
using Baton.Core.Errors;

namespace Baton.Core.Tests.Alerts;

public sealed class FailureRateRulesTests
{
    [Fact]
    public void Parse_AgentAndWorkflowRules_ValuesAndDefaults()
    {
        var rules = FailureRateRules.Parse(Json("""{"failure_rate": [{"agent": "reviewer", "window": "30m", "threshold": 0.25, "min_runs": 3}, {"workflow": "nightly"}]}"""), "baton.json");

        Assert.Equal(
            [new FailureRateRule("reviewer", null, TimeSpan.FromMinutes(30), 0.25, 3), new FailureRateRule(null, "nightly", TimeSpan.FromHours(1), 0.5, 5)],
            rules);
        Assert.Equal("agent 'reviewer'", rules[0].Subject);
        Assert.NotEqual(rules[0].Key, (rules[0] with { Threshold = 0.3 }).Key);
    }

    [Theory]
    [InlineData("""{"failure_rate": [{"agent": "a", "workflow": "w"}]}""", "exactly one of")]
    [InlineData("""{"failure_rate": [{}]}""", "exactly one of")]
    [InlineData("""{"failure_rate": [{"agent": "a", "threshold": 1.5}]}""", "alerts.failure_rate[0].threshold must be")]
    [InlineData("""{"failure_rate": [{"agent": "a", "window": "5s"}]}""", "window must be a duration from 1m")]
    [InlineData("""{"failure_rate": [{"agent": "a", "colour": 1}]}""", "colour is not a setting")]
    [InlineData("""{"rate": []}""", "alerts.rate is not a setting")]
    public void Parse_BadRule_RefusedSayingWhatToFix(string json, string expected)
    {
        var error = Assert.Throws<BatonException>(() => FailureRateRules.Parse(Json(json), "baton.json"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Missing_NoRules() => Assert.Empty(FailureRateRules.Parse(null, "baton.json"));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
