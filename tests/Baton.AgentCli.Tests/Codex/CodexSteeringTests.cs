using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.AgentCli.Tests.Interactive;

namespace Baton.AgentCli.Tests.Codex;

/// <summary>
/// Steering and pausing through the real <c>codex app-server</c>. The scripted model runs a command that waits for a
/// file the test creates, so the message or the pause arrives while the turn is certainly still running.
/// </summary>
public sealed class CodexSteeringTests
{
    private const string WaitForGo = "while [ ! -e go ]; do sleep 0.05; done; echo released";

    [Fact]
    public async Task RunAsync_MessageWhileACommandRuns_ReachesTheNextModelRequest()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", WaitForGo), ResponsesTurn.Answer("Switched to PostgreSQL."));
        using var conversation = new ScriptedConversation();

        var run = harness.RunAsync(conversation, permissionMode: "bypassPermissions");
        await Eventually.TrueAsync(() => harness.Progress.Any(p => p.CurrentStep == "Bash: " + WaitForGo), CodexRunnerHarness.Bound, "the command to start");
        conversation.Send("Use PostgreSQL instead");
        await Eventually.TrueAsync(() => conversation.DeliveredMessages.Count == 1, CodexRunnerHarness.Bound, "the message to be delivered");
        await File.WriteAllTextAsync(Path.Combine(harness.Work, "go"), "");
        var outcome = await run;

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal("Switched to PostgreSQL.", outcome.Result);
        Assert.Empty(conversation.Asks);
        Assert.Equal(2, harness.Server.Requests.Count);
        var next = harness.Server.Requests[1];
        Assert.Contains("released", ScriptedResponsesServer.ToolOutput(next, "call_1"));
        Assert.Equal("Use PostgreSQL instead", ScriptedResponsesServer.UserTexts(next).Last());
        Assert.DoesNotContain(ScriptedResponsesServer.UserTexts(harness.Server.Requests[0]), text => text.Contains("PostgreSQL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Paused_InterruptsTheTurnAndTheThreadResumes()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", WaitForGo), ResponsesTurn.Answer("Carried on."));
        using var conversation = new ScriptedConversation();

        var run = harness.RunAsync(conversation, permissionMode: "bypassPermissions");
        await Eventually.TrueAsync(() => harness.Progress.Any(p => p.CurrentStep == "Bash: " + WaitForGo), CodexRunnerHarness.Bound, "the command to start");
        conversation.Pause();
        var paused = await run;

        Assert.False(paused.Succeeded);
        Assert.Equal("the turn was interrupted", paused.Error);
        Assert.Equal(0, paused.ExitCode);
        var thread = paused.Details!.SessionId;
        Assert.NotNull(thread);
        Assert.Single(harness.Server.Requests);

        using var resumed = new ScriptedConversation();
        var outcome = await harness.RunAsync(resumed, permissionMode: "bypassPermissions", resumeSessionId: thread);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(2));
        Assert.Equal("Carried on.", outcome.Result);
        Assert.Equal(thread, outcome.Details!.SessionId);
        var next = harness.Server.Requests[1];
        Assert.Contains(ScriptedResponsesServer.UserTexts(next), text => text.Contains("<turn_aborted>", StringComparison.Ordinal));
        Assert.Contains(ScriptedResponsesServer.UserTexts(next), text => text.Contains("Write out.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileACommandRuns_StopsTheWholeTree()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        var marker = "go-" + Guid.NewGuid().ToString("N");
        var command = $"while [ ! -e {marker} ]; do sleep 0.05; done";
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", command), ResponsesTurn.Answer("Never."));
        using var conversation = new ScriptedConversation();
        using var stop = new CancellationTokenSource();

        var run = harness.RunAsync(conversation, permissionMode: "bypassPermissions", stop: stop.Token);
        await Eventually.TrueAsync(() => Running(marker), CodexRunnerHarness.Bound, "the command to run");
        await stop.CancelAsync();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.False(Directory.Exists($"/proc/{Assert.Single(harness.Processes)}"));
        Assert.False(Running(marker));
    }

    private static bool Running(string marker) =>
        Directory.EnumerateDirectories("/proc").Any(dir =>
        {
            try
            {
                return int.TryParse(Path.GetFileName(dir), out _) && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
}
