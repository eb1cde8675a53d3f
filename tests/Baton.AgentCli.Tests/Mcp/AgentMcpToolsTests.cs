using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Mcp;

/// <summary>
/// Baton's own MCP tools inside a run, end to end: a daemon runs a task with the real Claude Code CLI against a
/// scripted model, which calls mcp__baton__progress_update and mcp__baton__context_save; Claude Code starts
/// <c>baton mcp --task ID</c> from the configuration the runner gave it, and the tool results the model receives next
/// are what Baton answered.
/// </summary>
public sealed class AgentMcpToolsTests : IAsyncLifetime
{
    private const string Secret = "deploy-s3cr3t-4711";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly ClaudeSandbox sandbox = new();
    private readonly string batonHome = Directory.CreateTempSubdirectory("baton-agent-mcp-").FullName;
    private ScriptedAnthropicServer server = null!;
    private BatonProcesses baton = null!;

    public async Task InitializeAsync() => server = await ScriptedAnthropicServer.StartAsync();

    [Fact]
    public async Task ClaudeRun_CallsBatonTools_ModelSeesSavedProgressAndRefusals()
    {
        var big = new JsonArray([.. Enumerable.Range(0, 80).Select(i => (JsonNode)$"step {i}: {new string('x', 60)}")]);
        server.Enqueue(
            ScriptedTurn.ToolUse("mcp__baton__progress_update", JsonNode.Parse("""{"percent": 40, "step": "writing tests"}""")!),
            ScriptedTurn.ToolUse("mcp__baton__context_save", JsonNode.Parse(
                """{"current_task": "port the parser", "next_steps": ["write tests"], "decisions": [{"decision": "use Pratt parsing", "reason": "precedence"}]}""")!),
            ScriptedTurn.ToolUse("mcp__baton__context_save", new JsonObject { ["current_task"] = "too big", ["completed_steps"] = big }),
            ScriptedTurn.ToolUse("mcp__baton__context_save", new JsonObject { ["current_task"] = $"deploy with {Secret}" }),
            ScriptedTurn.ToolUse("mcp__baton__context_load", new JsonObject()),
            ScriptedTurn.Text("done"));
        File.WriteAllText(Path.Combine(batonHome, "baton.json"), new JsonObject { ["claude_path"] = ClaudeCli.ExecutablePath }.ToJsonString());
        baton = new BatonProcesses(sandbox.Work, batonHome, ClaudeCli.Environment(server.BaseUrl, sandbox), Deadline);
        await baton.StartDaemonAsync();

        var add = await baton.RunAsync(["task", "add", "--runner", "claude", "--prompt", "work", "--cwd", sandbox.Work, "--env", $"DEPLOY_TOKEN={Secret}", "--json"]);
        var taskId = (string?)JsonNode.Parse(add.Stdout)?["task_id"] ?? throw new InvalidOperationException(add.ToString());
        var wait = await baton.RunAsync(["task", "wait", taskId, "--timeout", "110"]);

        var results = server.Turns.Skip(1).Select(t => t.ToolResults.LastOrDefault().Content).ToList();
        var context = string.Join("\n---\n", results) + "\n" + wait;
        Assert.True(wait.ExitCode == 0, context);
        // Claude Code hands the model a tool's structured content when it has one, its text otherwise (errors).
        Assert.Contains($"{{\"task_id\":\"{taskId}\",\"attempt\":1,\"percent\":40,\"step\":\"writing tests\"}}", results[0], StringComparison.Ordinal);
        Assert.Matches($"^{{\"capsule_id\":\"cap_[0-9a-z]{{26}}\",\"task_id\":\"{taskId}\",\"session_id\":\"[0-9a-f-]{{36}}\",\"bytes\":\\d+,\"limit_bytes\":4096}}", results[1]);
        Assert.Matches(@"^context_save: the capsule is 5,\d{3} bytes; the limit is 4,096: keep decisions and next steps, shorten completed steps and drop file contents \(largest: completed_steps", results[2]);
        Assert.StartsWith("context_save: 'current_task' contains the value of the environment variable DEPLOY_TOKEN;", results[3], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, results[3], StringComparison.Ordinal);
        // The capsule read back is the one that was stored, not the refused ones.
        Assert.Contains("\"capsule\":{\"current_task\":\"port the parser\"", results[4], StringComparison.Ordinal);
        Assert.Contains("\"decisions\":[{\"decision\":\"use Pratt parsing\",\"reason\":\"precedence\"}]", results[4], StringComparison.Ordinal);
        Assert.Contains("\"count\":1", results[4], StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (baton is not null)
        {
            await baton.DisposeAsync();
        }

        await server.DisposeAsync();
        sandbox.Dispose();
        try
        {
            Directory.Delete(batonHome, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
