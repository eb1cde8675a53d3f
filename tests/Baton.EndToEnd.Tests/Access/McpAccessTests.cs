using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>MCP over HTTP with tokens required: a read token may look but not create; a write token's tasks name it.</summary>
public sealed class McpAccessTests
{
    [Fact]
    public async Task ReadToken_TaskAsync_RefusedAndNothingQueued()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        home.AddStandInAgent("greeter");
        var reader = await home.CreateTokenAsync("watcher", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();
        var mcp = new McpAccessClient(http, reader);
        await mcp.InitializeAsync();

        var listed = await mcp.CallToolAsync("list_tasks", "{}");
        var refused = await mcp.CallToolAsync("task_async", TaskArguments(home));

        Assert.False(listed.TryGetProperty("isError", out var listError) && listError.GetBoolean(), listed.ToString());
        Assert.True(refused.GetProperty("isError").GetBoolean(), refused.ToString());
        Assert.Equal(0, (await home.RunAsync("task", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task WriteToken_TaskAsync_QueuedAndCreatedByTheToken()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        home.AddStandInAgent("greeter");
        var writer = await home.CreateTokenAsync("agent-host", "write");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();
        var mcp = new McpAccessClient(http, writer);
        await mcp.InitializeAsync();

        var result = await mcp.CallToolAsync("task_async", TaskArguments(home));

        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
        var id = result.GetProperty("structuredContent").GetProperty("task_id").GetString()!;
        Assert.Equal("token:agent-host", (await home.StatusAsync(id)).GetProperty("created_by").GetString());
    }

    private static string TaskArguments(BatonHome home) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = "over-mcp",
        ["agent_name"] = "greeter",
        ["agent_instructions"] = "say hello",
        ["working_directory"] = home.Work,
    });
}
