using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Claude;

/// <summary><c>--resume</c> of a finished session from the same working directory.</summary>
public sealed class ClaudeResumeTests
{
    [Fact]
    public async Task Resume_SameSessionId_SendsEarlierConversationToEndpoint()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var sandbox = new ClaudeSandbox();
        server.Enqueue(ScriptedTurn.Text("First answer: 42"), ScriptedTurn.Text("Second answer: still 42"));
        var sessionId = Guid.NewGuid().ToString();

        var first = await ClaudeCli.RunAsync(
            sandbox, server.BaseUrl, HeadlessArguments.NewSession(sessionId), "First question: the answer?", ClaudeTimeouts.Run);
        var second = await ClaudeCli.RunAsync(
            sandbox, server.BaseUrl, HeadlessArguments.Resume(sessionId), "Second question: sure?", ClaudeTimeouts.Run);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(sessionId, (string?)second.Init["session_id"]);
        Assert.Equal("Second answer: still 42", (string?)second.Result["result"]);
        var resumed = server.Turns[^1];
        var texts = resumed.Texts.ToList();
        var firstQuestion = texts.FindIndex(text => text.Contains("First question: the answer?", StringComparison.Ordinal));
        var firstAnswer = texts.FindIndex(text => text.Contains("First answer: 42", StringComparison.Ordinal));
        var secondQuestion = texts.FindIndex(text => text.Contains("Second question: sure?", StringComparison.Ordinal));
        Assert.True(firstQuestion >= 0 && firstQuestion < firstAnswer && firstAnswer < secondQuestion, string.Join("\n---\n", texts));
        Assert.Equal("assistant", (string?)resumed.Messages.Single(message =>
            message["content"]!.ToJsonString().Contains("First answer: 42", StringComparison.Ordinal))["role"]);
    }
}
