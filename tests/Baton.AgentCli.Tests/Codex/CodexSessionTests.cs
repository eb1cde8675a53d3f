using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.AgentCli.Tests.Interactive;

namespace Baton.AgentCli.Tests.Codex;

/// <summary>Sessions and failures through the real <c>codex app-server</c>, as they work for <c>codex exec</c>.</summary>
public sealed class CodexSessionTests
{
    [Fact]
    public async Task RunAsync_ModelApiRefusesTheRequest_FailsNotRetryableWithTheApiMessage()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.ApiError(400, "invalid_request_error", "Unsupported parameter: foo"));
        using var conversation = new ScriptedConversation();

        var outcome = await harness.RunAsync(conversation);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Equal("Unsupported parameter: foo (invalid_request_error)", outcome.Error);
        Assert.Equal("turn.failed", outcome.Details!.Subtype);
        Assert.Contains("── turn failed: Unsupported parameter: foo (invalid_request_error)", harness.Transcript(1));
    }

    [Fact]
    public async Task RunAsync_ResumeOfAThreadCodexDoesNotKnow_StartsANewThreadWithTheTask()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Answer("Started over."));
        using var conversation = new ScriptedConversation();
        var unknown = "01a24b00-0000-7000-8000-000000000000";

        var outcome = await harness.RunAsync(conversation, resumeSessionId: unknown);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal("Started over.", outcome.Result);
        Assert.NotEqual(unknown, outcome.Details!.SessionId);
        Assert.Equal(2, harness.Processes.Count);
        Assert.Contains(ScriptedResponsesServer.UserTexts(Assert.Single(harness.Server.Requests)), text => text.Contains("Write out.txt", StringComparison.Ordinal));
        Assert.Contains($"did not resume thread {unknown}", harness.Log(1));
    }

    [Fact]
    public async Task RunAsync_ForkOfAThread_NewThreadCarriesTheConversationAndTheOriginalRolloutIsUnchanged()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Answer("The answer is 42."), ResponsesTurn.Answer("Because it was asked."));
        using var conversation = new ScriptedConversation();
        var first = await harness.RunAsync(conversation);
        Assert.True(first.Succeeded, first.Error + "\n" + harness.Log(1));
        var thread = first.Details!.SessionId!;
        var rollout = Assert.Single(Directory.GetFiles(harness.Home, $"*{thread}*", SearchOption.AllDirectories));
        var before = File.ReadAllBytes(rollout);

        var fork = await harness.RunAsync(conversation, resumeSessionId: thread, forkSession: true, resumePrompt: "Why?");

        Assert.True(fork.Succeeded, fork.Error + "\n" + harness.Log(2));
        Assert.Equal("Because it was asked.", fork.Result);
        Assert.NotEqual(thread, fork.Details!.SessionId);
        var texts = ScriptedResponsesServer.UserTexts(harness.Server.Requests[^1]);
        Assert.Contains(texts, t => t.Contains("Write out.txt", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Why?", StringComparison.Ordinal));
        Assert.Contains($"forking codex session {thread}", harness.Log(2));
        Assert.Equal(before, File.ReadAllBytes(rollout));
    }
}
