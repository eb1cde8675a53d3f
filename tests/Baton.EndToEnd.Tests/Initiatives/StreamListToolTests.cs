using System.Text.Json;
using Baton.EndToEnd.Tests.Mcp;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>The MCP tool <c>stream_list</c> (Task Copilot's name): the current initiative's streams with the same fields as /api/streams.</summary>
public sealed class StreamListToolTests : IDisposable
{
    private readonly McpHarness harness = new();

    [Fact]
    public async Task StreamList_NoInitiative_SaysSoWithNoStreams()
    {
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "stream_list", "{}");

        Assert.Contains("No active initiative", McpHarness.Text(result), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, McpHarness.Structured(result).GetProperty("initiative").ValueKind);
        Assert.Equal(0, McpHarness.Structured(result).GetProperty("streams").GetArrayLength());
    }

    [Fact]
    public async Task StreamList_Initiative_EveryStreamWithTaskCopilotsFields()
    {
        await GitRepository.InitAsync(harness.Project);
        await File.WriteAllTextAsync(Path.Combine(harness.Project, "plan.yaml"), InitiativeFiles.Shop());
        var created = await harness.Home.RunAsync("initiative", "create", "--name", "shop", "--repo", harness.Project);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(0, (await harness.Home.RunAsync("stream", "add", "shop", "--id", "core", "--phase", "foundation")).ExitCode);
        Assert.Equal(0, (await harness.Home.RunAsync("stream", "add-task", "shop", "core", "--", "true")).ExitCode);
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "stream_list", """{"initiative": "shop"}""");

        var structured = McpHarness.Structured(result);
        Assert.Equal("shop", structured.GetProperty("initiative").GetProperty("name").GetString());
        var stream = Assert.Single(structured.GetProperty("streams").EnumerateArray());
        Assert.Equal(("core", "core", "foundation", 1, 0, 0), (stream.GetProperty("streamId").GetString(), stream.GetProperty("streamName").GetString(),
            stream.GetProperty("streamPhase").GetString(), stream.GetProperty("totalTasks").GetInt32(), stream.GetProperty("completedTasks").GetInt32(),
            stream.GetProperty("inProgressTasks").GetInt32()));
        Assert.Equal(0.0, stream.GetProperty("progressPercentage").GetDouble());
        Assert.Equal(0, stream.GetProperty("dependencies").GetArrayLength());
        Assert.Contains("- core (foundation)", McpHarness.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitClaude_Orchestration_InstallsTheSlashCommandOnce()
    {
        var first = await harness.Home.RunAsync("init", "claude", "--orchestration");
        var second = await harness.Home.RunAsync("init", "claude", "--orchestration");

        var file = Path.Combine(harness.Project, ".claude", "commands", "orchestration.md");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Added the /orchestration command", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("already in", second.Stderr, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("mcp__baton__stream_list", text, StringComparison.Ordinal);
        Assert.Contains("## Action: status", text, StringComparison.Ordinal);
        Assert.Contains("## Action: config", text, StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();
}
