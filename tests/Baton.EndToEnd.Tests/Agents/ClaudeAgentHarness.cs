using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>
/// A Baton data directory, a scripted Anthropic endpoint and an isolated Claude Code home, with a daemon whose
/// environment points the real `claude` (found on PATH) at the endpoint and nowhere else.
/// </summary>
internal sealed class ClaudeAgentHarness : IAsyncDisposable
{
    private ClaudeAgentHarness(BatonHome home, ScriptedAnthropicServer server, ClaudeSandbox sandbox)
    {
        Home = home;
        Server = server;
        Sandbox = sandbox;
    }

    public BatonHome Home { get; }

    public ScriptedAnthropicServer Server { get; }

    public ClaudeSandbox Sandbox { get; }

    /// <summary>Where agent tasks run; agent definitions go in its .claude/agents.</summary>
    public string Work => Sandbox.Work;

    public static async Task<ClaudeAgentHarness> StartAsync()
    {
        var server = await ScriptedAnthropicServer.StartAsync();
        return new ClaudeAgentHarness(new BatonHome(stopGraceSeconds: 2), server, new ClaudeSandbox());
    }

    /// <summary>Writes an agent definition into the work folder's .claude/agents.</summary>
    public void DefineAgent(string name, string frontMatter, string body = "You are a careful test agent.")
    {
        var folder = Directory.CreateDirectory(Path.Combine(Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".md"), $"---\nname: {name}\ndescription: test agent\n{frontMatter}\n---\n{body}\n");
    }

    public Task<DaemonProcess> StartDaemonAsync(int workers = 2)
    {
        var environment = ClaudeCli.Environment(Server.BaseUrl, Sandbox);
        // The daemon finds claude the way users' daemons do: on PATH.
        environment["PATH"] = Path.GetDirectoryName(ClaudeCli.ExecutablePath) + ":" + environment["PATH"];
        return Home.StartDaemonAsync(workers: workers, environment: environment);
    }

    /// <summary>Queues an agent task in the work folder and returns its id.</summary>
    public Task<string> AddAsync(string agent, string prompt, params string[] options) =>
        Home.AddAsync(["--no-start", "--cwd", Work, "--agent", agent, "--prompt", prompt, .. options]);

    public async ValueTask DisposeAsync()
    {
        Home.Dispose();
        await Server.DisposeAsync();
        Sandbox.Dispose();
    }
}
