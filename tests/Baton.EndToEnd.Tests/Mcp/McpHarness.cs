using System.Text.Json;
using Baton.AgentCli.Tests.Harness;
using Eventually = Baton.EndToEnd.Tests.Harness.Eventually;
using Baton.EndToEnd.Tests.Harness;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// A Baton data directory and a project folder with a test agent, <c>greeter</c>, run by the fake Codex CLI (which
/// replays real codex output: <c>text</c> completes at once, <c>sleep</c> runs until stopped). MCP servers started
/// here (stdio) and daemons (HTTP) get an environment in which the fake is the <c>codex</c> on PATH.
/// </summary>
internal sealed class McpHarness : IDisposable
{
    public const string Agent = "greeter";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Terminal = ["completed", "failed", "cancelled", "timed_out"];
    private readonly string record;

    public McpHarness(string scenario = "text")
    {
        Home = new BatonHome();
        record = Directory.CreateDirectory(Path.Combine(Home.Dir, "codex-record")).FullName;
        var agents = Directory.CreateDirectory(Path.Combine(Project, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, Agent + ".md"), $"---\nname: {Agent}\ndescription: test agent\nrunner: codex\n---\nYou greet.\n");
        var fake = Path.Combine(RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Codex", "Fake");
        // A checkout may lose the executable bit.
        File.SetUnixFileMode(Path.Combine(fake, "codex"), (UnixFileMode)0b111_101_101);
        Environment = new Dictionary<string, string>
        {
            ["BATON_HOME"] = Home.Dir,
            ["BATON_URLS"] = "http://127.0.0.1:0",
            ["PATH"] = fake + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_CLI_RECORD_DIR"] = record,
            ["FAKE_CLI_SCENARIO"] = scenario,
            ["NO_COLOR"] = "1",
        };
    }

    public BatonHome Home { get; }

    /// <summary>The project: where stdio servers run, and the working directory of tasks queued over HTTP.</summary>
    public string Project => Home.Work;

    /// <summary>The environment of the servers and daemons started here.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Starts <c>baton mcp</c> as a subprocess in the project and connects the SDK's client over stdio.</summary>
    public Task<McpClient> ConnectStdioAsync(string? protocolVersion = null, Action<string>? stderr = null) =>
        McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "baton",
                Command = BatonExecutable.Path,
                Arguments = ["mcp"],
                WorkingDirectory = Project,
                EnvironmentVariables = Environment!,
                StandardErrorLines = stderr,
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion });

    /// <summary>Starts a daemon and waits until it has written the address it serves on.</summary>
    public async Task<DaemonProcess> StartDaemonAsync()
    {
        var daemon = await Home.StartDaemonAsync(workers: 2, environment: Environment);
        await Eventually.True(() => TryDaemonUrl() is not null, Deadline, "the daemon's address in daemon.json");
        return daemon;
    }

    /// <summary>The daemon's HTTP address, from daemon.json.</summary>
    public Uri DaemonUrl() => TryDaemonUrl() ?? throw new InvalidOperationException("no daemon has written its address");

    private Uri? TryDaemonUrl()
    {
        try
        {
            using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(Home.Dir, "daemon.json")));
            return info.RootElement.TryGetProperty("urls", out var urls) && urls.GetArrayLength() > 0 ? new Uri(urls[0].GetString()!) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    public Uri McpEndpoint() => new(DaemonUrl(), "/mcp");

    /// <summary>Connects the SDK's client to the daemon's /mcp over Streamable HTTP.</summary>
    public Task<McpClient> ConnectHttpAsync(string? protocolVersion = null) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = McpEndpoint(), TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions { ProtocolVersion = protocolVersion });

    /// <summary>Calls a tool with arguments given as JSON.</summary>
    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return await client.CallToolAsync(tool, arguments);
    }

    /// <summary>The structured content of a successful call (fails the test on an error result).</summary>
    public static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, $"the tool failed: {Text(result)}");
        return result.StructuredContent ?? throw new InvalidOperationException("the tool returned no structured content");
    }

    public static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>Queues a task for the test agent and returns its id.</summary>
    public async Task<string> QueueAsync(McpClient client, string name = "greet", bool withDirectory = false)
    {
        var directory = withDirectory ? $", \"working_directory\": {JsonSerializer.Serialize(Project)}" : string.Empty;
        var queued = Structured(await CallAsync(client, "task_async", $$"""{"name": "{{name}}", "agent_name": "{{Agent}}", "agent_instructions": "Say hello"{{directory}}}"""));
        return queued.GetProperty("task_id").GetString()!;
    }

    /// <summary>Polls task_status until the task ends; returns its last status.</summary>
    public static async Task<JsonElement> WaitEndedAsync(McpClient client, string taskId) =>
        await Eventually.Until<object>(
            async () =>
            {
                var status = Structured(await CallAsync(client, "task_status", $$"""{"task_id": "{{taskId}}"}"""));
                return Terminal.Contains(status.GetProperty("status").GetString()) ? (object)status : null;
            },
            Deadline,
            $"task {taskId} to end") is JsonElement ended ? ended : default;

    public void Dispose() => Home.Dispose();
}
