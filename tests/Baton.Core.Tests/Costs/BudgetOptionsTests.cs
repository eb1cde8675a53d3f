using System.Text.Json;
using Baton.Core.Costs;
using Baton.Core.Errors;

namespace Baton.Core.Tests.Costs;

public sealed class BudgetOptionsTests
{
    [Fact]
    public void DailyFor_AgentWithOwnEntryOrNone_TakesItsOwnElseTheStar()
    {
        using var json = JsonDocument.Parse("""{"agent_daily_usd": {"reviewer": 20, "*": 50}}""");

        var budgets = BudgetOptions.Parse(json.RootElement, "baton.json");

        Assert.Equal(20m, budgets.DailyFor("reviewer"));
        Assert.Equal(50m, budgets.DailyFor("writer"));
        Assert.Null(budgets.DailyFor(null));
        Assert.Null(BudgetOptions.Parse(null, "baton.json").DailyFor("reviewer"));
    }

    [Theory]
    [InlineData("""{"agent_daily_usd": {"reviewer": 0}}""", "must be USD from 0.01")]
    [InlineData("""{"agent_daily_usd": {"reviewer": "lots"}}""", "must be USD from 0.01")]
    [InlineData("""{"per_day": {}}""", "takes \"agent_daily_usd\"")]
    [InlineData("""5""", "\"budgets\" must be an object")]
    public void Parse_WrongShape_SaysHowToFixIt(string text, string expected)
    {
        using var json = JsonDocument.Parse(text);

        var error = Assert.Throws<BatonException>(() => BudgetOptions.Parse(json.RootElement, "baton.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
