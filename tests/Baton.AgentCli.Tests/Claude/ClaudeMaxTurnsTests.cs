using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Claude;

/// <summary><c>--max-turns 1</c> with a model that wants a second turn.</summary>
public sealed class ClaudeMaxTurnsTests
{
    [Fact]
    public async Task Run_MaxTurnsOneAndToolUse_StopsWithErrorMaxTurns()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var sandbox = new ClaudeSandbox();
        server.Enqueue(ScriptedTurn.Bash("echo first"), ScriptedTurn.Text("never sent"));
        var sessionId = Guid.NewGuid().ToString();

        var run = await ClaudeCli.RunAsync(
            sandbox, server.BaseUrl, HeadlessArguments.NewSession(sessionId, "--max-turns", "1"), "Run echo", ClaudeTimeouts.Run);

        // Observed in 2.1.330 (2.0.76 differed: exit 0 and is_error false): the tool still runs, then the run
        // stops before asking the model again, exits 1 and says why in errors[]; there is no "result" text.
        var result = run.Result;
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error_max_turns", (string?)result["subtype"]);
        Assert.True((bool)result["is_error"]!, run.ToString());
        Assert.Equal("max_turns", (string?)result["terminal_reason"]);
        Assert.Contains("Reached maximum number of turns (1)", result["errors"]!.AsArray().Select(error => (string?)error));
        Assert.False(result.ContainsKey("result"));
        Assert.Single(run.OfType("user"));
        Assert.Single(server.Turns);
        Assert.Equal(1, server.RemainingTurns);
    }
}
