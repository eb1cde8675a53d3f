using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.AgentCli.Tests.Gemini;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Mcp;

/// <summary>
/// Baton's own MCP tools inside a gemini run, end to end: a daemon runs a task with the real gemini-cli (in ACP mode,
/// as the daemon runs it) against a scripted Gemini API, which calls mcp_baton_progress_update, mcp_baton_context_save
/// and mcp_baton_context_load; gemini starts <c>baton mcp --task ID</c> from the session's <c>mcpServers</c>, Baton
/// approves the calls itself, and the function responses the model receives next are what Baton answered.
/// </summary>
public sealed partial class GeminiMcpToolsTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    private readonly string root = Directory.CreateTempSubdirectory("baton-gemini-mcp-").FullName;
    private ScriptedGeminiServer server = null!;
    private BatonProcesses baton = null!;

    private string BatonHome => Path.Combine(root, "baton");

    private string Work => Path.Combine(root, "work");

    public async Task InitializeAsync()
    {
        server = await ScriptedGeminiServer.StartAsync();
        GeminiAcpHarness.PrepareHomes(root);
        Directory.CreateDirectory(BatonHome);
        Directory.CreateDirectory(Work);
    }

    [Fact]
    public async Task GeminiRun_CallsBatonTools_ModelSeesProgressAndTheSavedCapsule()
    {
        server.EnqueueCall("mcp_baton_progress_update", new JsonObject { ["percent"] = 40, ["step"] = "writing tests" });
        server.EnqueueCall("mcp_baton_context_save", JsonNode.Parse(
            """{"current_task": "port the parser", "next_steps": ["write tests"], "decisions": [{"decision": "use Pratt parsing", "reason": "precedence"}]}""")!.AsObject());
        server.EnqueueCall("mcp_baton_context_load", []);
        server.EnqueueText("done");
        File.WriteAllText(Path.Combine(BatonHome, "baton.json"), new JsonObject { ["gemini_path"] = GeminiAcpHarness.ExecutablePath }.ToJsonString());
        baton = new BatonProcesses(Work, BatonHome, GeminiAcpHarness.Environment(root, server.BaseUrl), Deadline);
        await baton.StartDaemonAsync();

        var add = await baton.RunAsync(["task", "add", "--runner", "gemini", "--prompt", "work", "--cwd", Work, "--json"]);
        var taskId = (string?)JsonNode.Parse(add.Stdout)?["task_id"] ?? throw new InvalidOperationException(add.ToString());
        var wait = await baton.RunAsync(["task", "wait", taskId, "--timeout", "140"]);

        var requests = server.AgentRequests;
        var results = requests.Skip(1).Select(r => r["contents"]!.AsArray()[^1]!.ToJsonString()).ToList();
        var context = string.Join("\n---\n", results) + "\n" + wait;
        Assert.True(wait.ExitCode == 0, context);
        Assert.Equal(4, requests.Count);
        var declared = requests[0]["tools"]!.ToJsonString();
        Assert.Contains("\"name\":\"mcp_baton_context_save\"", declared, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"mcp_baton_progress_update\"", declared, StringComparison.Ordinal);
        // Each function response answers the call before it with the text Baton's tool returned.
        Assert.Contains("\"name\":\"mcp_baton_progress_update\"", results[0], StringComparison.Ordinal);
        Assert.Contains("Progress recorded: 40% - writing tests.", results[0], StringComparison.Ordinal);
        Assert.Contains("\"name\":\"mcp_baton_context_save\"", results[1], StringComparison.Ordinal);
        var capsuleId = Assert.Single(CapsuleId().Matches(results[1])).Value;
        Assert.Contains("\"name\":\"mcp_baton_context_load\"", results[2], StringComparison.Ordinal);
        var loaded = SavedIn().Match(results[2]);
        Assert.True(loaded.Success, results[2]);
        Assert.Equal(taskId, loaded.Groups["task"].Value);
        Assert.Equal(capsuleId, loaded.Groups["capsule"].Value);
        Assert.Contains("Current task: port the parser", results[2], StringComparison.Ordinal);
        Assert.Contains("use Pratt parsing (because precedence)", results[2], StringComparison.Ordinal);

        // gemini asked for each call, and Baton answered itself: no person was asked.
        var logs = await baton.RunAsync(["task", "logs", taskId]);
        foreach (var tool in new[] { "progress_update", "context_save", "context_load" })
        {
            Assert.Contains($"Baton approved gemini's call of its own tool {tool}", logs.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("gemini asks for permission", logs.Stdout, StringComparison.Ordinal);

        // The capsule is in the store, under the session the attempt ran in.
        var show = await baton.RunAsync(["session", "show", loaded.Groups["session"].Value, "--json"]);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(capsuleId, show.Stdout, StringComparison.Ordinal);
        Assert.Contains("port the parser", show.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex("cap_[0-9a-z]{26}")]
    private static partial Regex CapsuleId();

    [GeneratedRegex(@"by gemini in task (?<task>[0-9a-z]+), session (?<session>[0-9a-f-]{36}) \((?<capsule>cap_[0-9a-z]{26})\)")]
    private static partial Regex SavedIn();

    public async Task DisposeAsync()
    {
        if (baton is not null)
        {
            await baton.DisposeAsync();
        }

        await server.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
