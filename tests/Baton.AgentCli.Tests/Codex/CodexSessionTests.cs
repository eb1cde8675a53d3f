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
}
