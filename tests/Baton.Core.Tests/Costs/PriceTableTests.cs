using System.Text.Json;
using Baton.Core.Costs;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Tests.Costs;

public sealed class PriceTableTests
{
    [Fact]
    public void Find_DatedOrLongerName_TakesTheLongestMatchingEntry()
    {
        Assert.Equal(0.25m, PriceTable.Default.Find("gpt-5.1-codex-mini")!.Input);
        Assert.Equal(1.25m, PriceTable.Default.Find("gpt-5-codex")!.Input);
        Assert.Equal(3m, PriceTable.Default.Find("claude-sonnet-4-5-20250929")!.Input);
        Assert.Equal(0.1m, PriceTable.Default.Find("gemini-2.5-flash-lite")!.Input);
        Assert.Null(PriceTable.Default.Find("llama-3"));
    }

    [Fact]
    public void Cost_TokensOfEachKind_PricesEachPerMillion()
    {
        var cost = PriceTable.Default.Cost("gpt-5", new ModelUsage(1_000_000, 100_000, 2_000_000, 0, null));

        // 1M input at $1.25, 0.1M output at $10, 2M cached at $0.125.
        Assert.Equal(1.25m + 1m + 0.25m, cost);
    }

    [Fact]
    public void Parse_Override_ReplacesTheShippedPriceAndKeepsTheRest()
    {
        using var json = JsonDocument.Parse("""{"gpt-5": {"input": 2, "output": 20}, "my-model": {"input": 1, "output": 1, "cache_read": 0.5, "cache_write": 2}}""");

        var table = PriceTable.Parse(json.RootElement, "baton.json");

        Assert.Equal(new ModelPrice(2m, 20m, 0.2m, 0m), table.Find("gpt-5"));
        Assert.Equal(new ModelPrice(1m, 1m, 0.5m, 2m), table.Find("my-model-large"));
        Assert.Equal(0.3m, table.Find("gemini-2.5-flash")!.Input);
    }

    [Theory]
    [InlineData("""[1]""", "\"prices\" must be an object")]
    [InlineData("""{"gpt-5": {"output": 1}}""", "needs \"input\"")]
    [InlineData("""{"gpt-5": {"input": -1, "output": 1}}""", "from 0 to 10000")]
    [InlineData("""{"gpt-5": {"input": "cheap", "output": 1}}""", "from 0 to 10000")]
    public void Parse_WrongShape_SaysHowToFixIt(string text, string expected)
    {
        using var json = JsonDocument.Parse(text);

        var error = Assert.Throws<BatonException>(() => PriceTable.Parse(json.RootElement, "baton.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("baton.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Absent_IsTheShippedTable()
    {
        Assert.Same(PriceTable.Default, PriceTable.Parse(null, "baton.json"));
    }
}
