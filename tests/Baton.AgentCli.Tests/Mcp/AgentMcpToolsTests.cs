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
    private Process? daemon;

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
        var baton = BatonExecutablePath();
        daemon = Start(baton, ["serve", "--workers", "1"]);
        await WaitUntilAsync(() => File.Exists(Path.Combine(batonHome, "daemon.json")), "the daemon to start");

        var add = await RunAsync(baton, ["task", "add", "--runner", "claude", "--prompt", "work", "--cwd", sandbox.Work, "--env", $"DEPLOY_TOKEN={Secret}", "--json"]);
        var taskId = (string?)JsonNode.Parse(add.Stdout)?["task_id"] ?? throw new InvalidOperationException(add.ToString());
        var wait = await RunAsync(baton, ["task", "wait", taskId, "--timeout", "110"]);

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

    private static string BatonExecutablePath()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot.Path, "src", "Baton", "bin", configuration, "net10.0", "baton");
        return File.Exists(path) ? path : throw new InvalidOperationException($"baton is not built at {path}; build Baton.slnx first");
    }

    private async Task<Run> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        using var process = Start(program, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private Process Start(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = sandbox.Work,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The daemon passes its environment to the agents it runs: the CLI's isolated test environment, on the scripted endpoint.
        start.Environment.Clear();
        foreach (var (name, value) in ClaudeCli.Environment(server.BaseUrl, sandbox))
        {
            start.Environment[name] = value;
        }

        start.Environment["BATON_HOME"] = batonHome;
        start.Environment["BATON_URLS"] = "http://127.0.0.1:0";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public async Task DisposeAsync()
    {
        if (daemon is { HasExited: false })
        {
            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync();
        }

        daemon?.Dispose();
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
