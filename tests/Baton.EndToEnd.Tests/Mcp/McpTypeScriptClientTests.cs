using System.Diagnostics;
using System.Text.Json;
using Baton.AgentCli.Tests.Harness;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// An independent client: the official MCP TypeScript SDK (tools/mcp-ts-client, installed by this project's build)
/// runs <c>baton mcp</c> over stdio, lists the tools, queues a task and polls it to the end.
/// </summary>
public sealed class McpTypeScriptClientTests : IDisposable
{
    private const string PinnedSdkVersion = "1.32.2";
    private readonly McpHarness harness = new();

    [Fact]
    public async Task TypeScriptSdkClient_ListsToolsQueuesATaskAndPollsItToCompletion()
    {
        var script = Path.Combine(RepositoryRoot.Path, "tools", "mcp-ts-client", "client.mjs");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        foreach (var argument in new[] { script, BatonExecutable.Path, McpHarness.Agent, harness.Project })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in harness.Environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}\nstdout: {await stdout}\nstderr: {await stderr}");
        var report = JsonDocument.Parse(await stdout).RootElement;

        Assert.Equal(PinnedSdkVersion, report.GetProperty("sdk_version").GetString());
        Assert.Equal("baton", report.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(
            ["task_async", "task_status", "task_cancel", "workflow_create", "workflow_add_phase", "workflow_add_task", "workflow_start", "workflow_status", "list_tasks", "get_notifications", "list_interactions", "interaction_respond", "task_intervene", "schedule_create", "schedule_list", "schedule_update", "stream_list"],
            report.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var queued = report.GetProperty("queued");
        Assert.False(queued.GetProperty("is_error").GetBoolean());
        var id = queued.GetProperty("structured").GetProperty("task_id").GetString()!;
        var status = report.GetProperty("status");
        Assert.Equal(id, status.GetProperty("task_id").GetString());
        Assert.Equal("completed", status.GetProperty("status").GetString());
        // The agent's answer in the captured codex app-server run the fake replays.
        Assert.Equal("Done.", status.GetProperty("result").GetString());
        Assert.True(report.GetProperty("bad").GetProperty("is_error").GetBoolean());
        Assert.Contains("'agent_name' is required", report.GetProperty("bad").GetProperty("text").GetString(), StringComparison.Ordinal);
        // The CLI sees the task the TypeScript client created.
        Assert.Equal("completed", (await harness.Home.StatusAsync(id)).GetProperty("status").GetString());
    }

    public void Dispose() => harness.Dispose();
}
