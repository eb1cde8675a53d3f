using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.AgentCli.Tests.Fakes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>
/// An agent's own progress report, live: the real Claude Code CLI calls Baton's progress_update tool, and while the
/// agent is still working the task's status shows the percent, the step and a time-remaining estimate.
/// </summary>
public sealed class ClaudeProgressTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync() => harness = await ClaudeAgentHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task ProgressUpdate_WhileTheAgentStillWorks_StatusShowsPercentStepAndEstimate()
    {
        harness.DefineAgent("porter", "tools: Bash\nmodel: sonnet");
        var release = Path.Combine(harness.Sandbox.Temp, "release");
        harness.Server.Enqueue(
            ScriptedTurn.ToolUse("mcp__baton__progress_update", JsonNode.Parse("""{"percent": 40, "step": "porting the lexer"}""")!),
            // The agent goes on working (its shell waits for the test) after it reported.
            ScriptedTurn.Bash($"echo working; while [ ! -f {release} ]; do sleep 0.1; done"),
            ScriptedTurn.ToolUse("mcp__baton__progress_update", JsonNode.Parse("""{"percent": 90, "step": "porting the parser"}""")!),
            ScriptedTurn.Text("ported"));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("porter", "Port the compiler.");

        JsonElement status = default;
        await Eventually.True(
            async () =>
            {
                status = await harness.Home.StatusAsync(id);
                return status.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("percent", out var percent) && percent.ValueKind == JsonValueKind.Number;
            },
            Deadline,
            "the agent's reported percent to show");

        Assert.Equal("running", status.GetProperty("status").GetString());
        var progress = status.GetProperty("progress");
        Assert.Equal(40, progress.GetProperty("percent").GetInt32());
        Assert.Equal("porting the lexer", progress.GetProperty("current_step").GetString());
        // The pollers' route estimates the rest from the agent's own figure.
        using var http = new HttpClient { BaseAddress = new Uri(await DaemonUrl.ReadAsync(harness.Home)) };
        var polled = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tasks/{id}/status")).RootElement.GetProperty("progress");
        Assert.Equal(40, polled.GetProperty("percent").GetInt32());
        Assert.True(polled.GetProperty("estimated_time_remaining").GetInt64() >= 0, polled.ToString());
        Assert.False(File.Exists(release), "the agent was still waiting when its progress showed");

        await File.WriteAllTextAsync(release, "go\n");
        var done = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", done.GetProperty("status").GetString());
        // The second report reached Baton too: the model read its answer.
        Assert.Contains("\"percent\":90", harness.Server.Turns[3].ToolResults.Last().Content, StringComparison.Ordinal);
    }
}
