using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Claude;

/// <summary>
/// One real CLI run shared by <see cref="ClaudeToolRunTests"/>: turn 1 writes hello.txt, turn 2 runs
/// <c>cat hello.txt</c>, turn 3 answers with text.
/// </summary>
public sealed class ToolRunFixture : IAsyncLifetime
{
    public const string FileContent = "hello from the scripted model\n";
    public const string FinalText = "hello.txt says: hello from the scripted model";

    internal ScriptedAnthropicServer Server { get; private set; } = null!;

    internal ClaudeSandbox Sandbox { get; } = new();

    internal ClaudeRun Run { get; private set; } = null!;

    public string SessionId { get; } = Guid.NewGuid().ToString();

    public async Task InitializeAsync()
    {
        Server = await ScriptedAnthropicServer.StartAsync();
        Server.Enqueue(
            ScriptedTurn.Write("hello.txt", FileContent, new ScriptedUsage(1000, 40)),
            ScriptedTurn.Bash("cat hello.txt", new ScriptedUsage(1100, 30)),
            ScriptedTurn.Text(FinalText, new ScriptedUsage(1200, 20)));
        Run = await ClaudeCli.RunAsync(
            Sandbox, Server.BaseUrl, HeadlessArguments.NewSession(SessionId), "Write hello.txt, then show it.", ClaudeTimeouts.Run);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Sandbox.Dispose();
    }
}
