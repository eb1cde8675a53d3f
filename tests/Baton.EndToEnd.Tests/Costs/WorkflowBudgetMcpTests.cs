using Baton.EndToEnd.Tests.Mcp;

namespace Baton.EndToEnd.Tests.Costs;

/// <summary>A workflow's budget through MCP's workflow_create: kept and shown by workflow_status, refused out of range naming the argument.</summary>
public sealed class WorkflowBudgetMcpTests : IDisposable
{
    private readonly McpHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task WorkflowCreate_WithBudget_WorkflowStatusShowsIt()
    {
        await using var client = await harness.ConnectStdioAsync();

        var created = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_create", """{"name": "budgeted", "budget_usd": 2.5}"""));
        var status = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_status", $$"""{"workflow_id": "{{created.GetProperty("workflow_id").GetString()}}"}"""));

        Assert.Equal(2.5m, status.GetProperty("budget_usd").GetDecimal());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"five\"")]
    public async Task WorkflowCreate_BadBudget_IsAnErrorNamingTheArgument(string budget)
    {
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "workflow_create", $$"""{"name": "budgeted", "budget_usd": {{budget}}}""");

        Assert.True(result.IsError);
        Assert.Contains("budget_usd", McpHarness.Text(result), StringComparison.Ordinal);
    }
}
