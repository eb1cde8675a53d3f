using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Claude;

/// <summary>
/// The claude runner's interactive mode over a fake CLI that replays Claude Code 2.1.330's control protocol byte for
/// byte and records every line Baton writes to it.
/// </summary>
public sealed class ClaudeRunnerInteractiveTests : IDisposable
{
    private const string RequestId = "d230e671-1253-4eb2-a215-88f4d00c22f1";
    private readonly FakeClaude fake = new();

    [Fact]
    public async Task RunAsync_Conversation_SendsInitializeThenPromptAsStreamJsonUserLine()
    {
        var outcome = await fake.RunAsync("approve", conversation: new RecordingConversation());

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["--input-format", "stream-json", "--permission-prompt-tool", "stdio"], fake.Argv(1).Skip(4).Take(4));
        var lines = StdinLines();
        Assert.Equal("""{"type":"control_request","request_id":"baton_init","request":{"subtype":"initialize","hooks":null}}""", lines[0]);
        Assert.Equal(
            $$"""{"type":"user","message":{"role":"user","content":"{{FakeClaude.Instructions}}"},"parent_tool_use_id":null,"session_id":""}""",
            lines[1]);
    }

    [Fact]
    public async Task RunAsync_CapturedRequestApproved_AnswersAllowWithTheSameInputAndRecordsDelivery()
    {
        var conversation = new RecordingConversation();

        var outcome = await fake.RunAsync("approve", conversation: conversation);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("The file contains: hello world", outcome.Result);
        var answer = JsonNode.Parse(StdinLines()[2])!;
        Assert.Equal("control_response", (string?)answer["type"]);
        Assert.Equal(RequestId, (string?)answer["response"]!["request_id"]);
        Assert.Equal("allow", (string?)answer["response"]!["response"]!["behavior"]);
        Assert.Equal("echo hi > out.txt", (string?)answer["response"]!["response"]!["updatedInput"]!["command"]);
        Assert.Equal(["ask: Bash: echo hi > out.txt", "delivered: Bash: echo hi > out.txt"], conversation.Events);
    }

    [Fact]
    public async Task RunAsync_CliWithdrawsItsRequest_AskIsCancelledAndWithdrawnByFingerprint()
    {
        var conversation = new RecordingConversation { Response = null };

        var outcome = await fake.RunAsync("withdraw", conversation: conversation);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(2, StdinLines().Count);
        await Poll.UntilAsync(() => conversation.Events.Count == 3, TimeSpan.FromSeconds(10), "the ask to be cancelled");
        Assert.Equal("ask: Bash: echo hi > out.txt", conversation.Events[0]);
        Assert.Contains("withdrawn: Bash: echo hi > out.txt (True)", conversation.Events);
        Assert.Contains("cancelled: Bash: echo hi > out.txt", conversation.Events);
    }

    public void Dispose() => fake.Dispose();

    private List<string> StdinLines() => [.. fake.Stdin(1).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
