using System.Text.Json;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>schedule_create with workflow_source and workflow_vars: the file's text checked at once and kept in the schedule.</summary>
public sealed class McpScheduleWorkflowTests : IDisposable
{
    private const string Source = "name: Nightly\\nphases:\\n  - id: build\\n    tasks:\\n      - name: compile\\n        command: 'echo {{vars.word}}'\\n";

    private readonly McpHarness harness = new();

    [Fact]
    public async Task ScheduleCreate_WorkflowSource_KeepsTheFileAndItsVars()
    {
        await using var client = await harness.ConnectStdioAsync();

        var created = await McpHarness.CallAsync(client, "schedule_create", $$$"""{"schedule": "nightly", "cron": "0 3 * * *", "workflow_source": "{{{Source}}}", "workflow_vars": {"word": "hi"}}""");

        var workflow = McpHarness.Structured(created).GetProperty("spec").GetProperty("workflow");
        Assert.StartsWith("name: Nightly", workflow.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(("hi", harness.Project), (workflow.GetProperty("vars").GetProperty("word").GetString(), workflow.GetProperty("working_directory").GetString()));
        var listed = McpHarness.Structured(await McpHarness.CallAsync(client, "schedule_list", "{}")).GetProperty("schedules");
        Assert.Equal(JsonValueKind.Object, Assert.Single(listed.EnumerateArray()).GetProperty("spec").GetProperty("workflow").ValueKind);
    }

    [Theory]
    [InlineData("""{"schedule": "bad", "every": "1h", "workflow_source": "name: x\nphases: []\n"}""", "the workflow has no phases")]
    [InlineData("""{"schedule": "bad", "every": "1h", "workflow_source": "name: x", "command": ["true"]}""", "a schedule runs either a task or a workflow")]
    [InlineData("""{"schedule": "bad", "every": "1h", "workflow_vars": {"a": "b"}, "name": "t", "command": ["true"]}""", "'workflow_vars' goes with 'workflow_source'")]
    public async Task ScheduleCreate_BadWorkflow_IsAnErrorSayingWhy(string arguments, string expected)
    {
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "schedule_create", arguments);

        Assert.True(result.IsError == true, McpHarness.Text(result));
        Assert.Contains(expected, McpHarness.Text(result), StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();
}
