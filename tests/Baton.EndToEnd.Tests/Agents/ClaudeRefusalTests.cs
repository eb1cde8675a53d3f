using Baton.AgentCli.Tests.Fakes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>
/// A person refuses a tool call the real Claude Code CLI asked for (its default permission mode, Bash not pre-allowed)
/// and the agent still reports success: Baton shows the refusal wherever the result is shown, so that nobody mistakes
/// it for a clean success.
/// </summary>
public sealed class ClaudeRefusalTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync() => harness = await ClaudeAgentHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task AgentTask_WhoseBashCallIsRefused_CompletesButSaysSoInStatusListViewsAndNotifications()
    {
        // Bash is not among the agent's allowed tools: Claude Code asks, and the person says no.
        harness.DefineAgent("reader", "tools: Read");
        harness.Server.Enqueue(ScriptedTurn.Bash("echo hi > out.txt"), ScriptedTurn.Text("I could not run the command."));
        using var daemon = await harness.StartDaemonAsync();

        var id = await harness.AddAsync("reader", "Write hi into out.txt with echo.");
        await Eventually.True(async () => (await harness.Home.StatusAsync(id)).GetProperty("status").GetString() == "input_required", Deadline, "the agent to ask");
        var denied = await harness.Home.RunAsync("task", "deny", id, "--message", "not in this folder");
        Assert.Equal(0, denied.ExitCode);
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(harness.Work, "out.txt")), "the refused command ran");
        var denial = Assert.Single(status.GetProperty("permission_denials").EnumerateArray());
        Assert.Equal("Bash", denial.GetProperty("tool_name").GetString());
        Assert.Equal("1 tool call refused: Bash `echo hi > out.txt`", status.GetProperty("notice").GetString());

        using var http = new HttpClient { BaseAddress = new Uri(await DaemonUrl.ReadAsync(harness.Home)) };
        using var rest = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tasks/{id}/result"));
        Assert.Equal("Bash", Assert.Single(rest.RootElement.GetProperty("permission_denials").EnumerateArray()).GetProperty("tool_name").GetString());

        var text = await harness.Home.RunAsync("task", "status", id);
        Assert.Contains("completed · 1 tool call refused: Bash `echo hi > out.txt`", text.Stdout, StringComparison.Ordinal);
        var list = await harness.Home.RunAsync("task", "list");
        Assert.Contains("completed · 1 refused", list.Stdout, StringComparison.Ordinal);
        var notifications = await harness.Home.RunAsync("notifications", "--json", "--peek");
        Assert.Contains(
            notifications.Json.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("message").GetString()!.EndsWith("completed: 1 tool call refused: Bash `echo hi > out.txt`", StringComparison.Ordinal));
    }
}
