using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.AgentCli.Tests.Interactive;
using Baton.Core.Interactions;
using Baton.Core.Runners.Codex;

namespace Baton.AgentCli.Tests.Codex;

/// <summary>
/// Approvals through the real <c>codex app-server</c>: with no permission mode the agent asks before running a
/// command it was not pre-allowed, and the person's decision decides whether it runs.
/// </summary>
public sealed class CodexApprovalTests
{
    private const string Command = "echo approved-output > out.txt; cat out.txt";

    [Fact]
    public async Task RunAsync_ApprovedCommand_RunsAndItsOutputReachesTheNextModelRequest()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Answer("Wrote out.txt."));
        using var conversation = new ScriptedConversation { Respond = _ => ScriptedConversation.Approve() };

        var outcome = await harness.RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal("Wrote out.txt.", outcome.Result);
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("Bash: " + Command, ask.Summary);
        Assert.Equal("commandExecution", ask.ToolName);
        Assert.Contains("in " + harness.Work, ask.Detail);
        Assert.Single(conversation.Delivered);
        Assert.Equal("approved-output\n", File.ReadAllText(Path.Combine(harness.Work, "out.txt")));
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Contains("approved-output", ScriptedResponsesServer.ToolOutput(harness.Server.Requests[1], "call_1"));

        // Results, tokens and steps as for codex exec: the thread's total over both model requests.
        Assert.NotNull(outcome.Details!.SessionId);
        var usage = outcome.Details.Models[CodexCommandLine.DefaultModelName];
        Assert.Equal((6100 - 2048, 90, 2048), (usage.InputTokens, usage.OutputTokens, usage.CacheReadTokens));
        Assert.Contains(harness.Progress, p => p.CurrentStep == "Bash: " + Command);
        Assert.Contains("?? approve? Bash: " + Command, harness.Transcript(1));
        Assert.Contains("assistant: Wrote out.txt.", harness.Transcript(1));
        Assert.Empty(harness.Server.OtherRequests);
    }

    [Fact]
    public async Task RunAsync_DeniedCommand_DoesNotRunAndTheModelIsToldWhy()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Answer("I will not write it."));
        using var conversation = new ScriptedConversation { Respond = _ => ScriptedConversation.Deny("out.txt belongs to another tool") };

        var outcome = await harness.RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Single(conversation.Asks);
        Assert.Single(conversation.Delivered);
        Assert.False(File.Exists(Path.Combine(harness.Work, "out.txt")));
        var next = harness.Server.Requests[1];
        Assert.Contains("rejected by user", ScriptedResponsesServer.ToolOutput(next, "call_1"));
        Assert.Contains(ScriptedResponsesServer.UserTexts(next), text => text.Contains("out.txt belongs to another tool", StringComparison.Ordinal));
        Assert.Contains("  ← (declined)", harness.Transcript(1));
    }

    [Fact]
    public async Task RunAsync_BypassPermissions_RunsTheCommandWithoutAsking()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Answer("Wrote out.txt."));
        using var conversation = new ScriptedConversation();

        var outcome = await harness.RunAsync(conversation, permissionMode: "bypassPermissions");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Empty(conversation.Asks);
        Assert.Equal("approved-output\n", File.ReadAllText(Path.Combine(harness.Work, "out.txt")));
    }

    [Fact]
    public async Task RunAsync_ApprovedAlways_TheSameCommandDoesNotAskAgain()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Shell("call_2", Command), ResponsesTurn.Answer("Twice."));
        using var conversation = new ScriptedConversation { Respond = _ => ScriptedConversation.Approve(remember: true) };

        var outcome = await harness.RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        var ask = Assert.Single(conversation.Asks);
        Assert.Contains("echo approved-output", ask.Suggestions);
        Assert.Contains("approved-output", ScriptedResponsesServer.ToolOutput(harness.Server.Requests[2], "call_2"));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileAsking_StopsTheProcessAndGivesUpTheAsk()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Answer("Wrote out.txt."));
        using var conversation = new ScriptedConversation { Respond = _ => null };
        using var stop = new CancellationTokenSource();

        var run = harness.RunAsync(conversation, stop: stop.Token);
        await Eventually.TrueAsync(() => conversation.Asks.Count == 1, CodexRunnerHarness.Bound, "the approval request");
        await stop.CancelAsync();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.Empty(conversation.Delivered);
        Assert.False(File.Exists(Path.Combine(harness.Work, "out.txt")));
        Assert.False(Directory.Exists($"/proc/{Assert.Single(harness.Processes)}"));
    }

    [Fact]
    public async Task RunAsync_PausedWhileAsking_InterruptsTheTurnWithoutRunningTheCommand()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(ResponsesTurn.Shell("call_1", Command), ResponsesTurn.Answer("Wrote out.txt."));
        using var conversation = new ScriptedConversation { Respond = _ => null };

        var run = harness.RunAsync(conversation);
        await Eventually.TrueAsync(() => conversation.Asks.Count == 1, CodexRunnerHarness.Bound, "the approval request");
        conversation.Pause();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.Equal("the turn was interrupted", outcome.Error);
        Assert.Equal(0, outcome.ExitCode);
        Assert.NotNull(outcome.Details!.SessionId);
        Assert.False(File.Exists(Path.Combine(harness.Work, "out.txt")));
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task RunAsync_PlanModeQuestion_TheAnswerReachesTheModel()
    {
        await using var harness = await CodexRunnerHarness.StartAsync();
        harness.Server.Enqueue(
            ResponsesTurn.Question("call_q", "db", "Database", "Which database?", ("PostgreSQL (Recommended)", "Robust"), ("SQLite", "Simple")),
            ResponsesTurn.Answer("Planned for SQLite."));
        using var conversation = new ScriptedConversation { Respond = _ => ScriptedConversation.Answer(new Dictionary<string, string> { ["Which database?"] = "SQLite" }) };

        var outcome = await harness.RunAsync(conversation, permissionMode: "plan");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.Question, ask.Kind);
        Assert.Equal("Which database?", ask.Summary);
        var question = Assert.Single(ask.Questions);
        Assert.Equal("Database", question.Header);
        Assert.Equal(["PostgreSQL (Recommended)", "SQLite"], question.Options.Select(o => o.Label));
        Assert.Single(conversation.Delivered);
        Assert.Equal("""{"answers":{"db":{"answers":["SQLite"]}}}""", ScriptedResponsesServer.ToolOutput(harness.Server.Requests[1], "call_q"));
    }

    [Fact]
    public async Task RunAsync_FileChangeApproved_AsksWithTheDiffAndWritesTheFile()
    {
        await using var harness = await CodexRunnerHarness.StartAsync(CodexCli.CatalogModel);
        harness.Server.Enqueue(ResponsesTurn.Patch("call_p", NotesPatch), ResponsesTurn.Answer("Added notes.txt."));
        using var conversation = new ScriptedConversation { Respond = _ => ScriptedConversation.Approve() };

        var outcome = await harness.RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("Write notes.txt (+2 −0)", ask.Summary);
        Assert.Equal("fileChange", ask.ToolName);
        Assert.Equal("add notes.txt\nfirst line\nsecond line", ask.Detail);
        Assert.Equal("first line\nsecond line\n", File.ReadAllText(Path.Combine(harness.Work, "notes.txt")));
        Assert.Contains("Success", ScriptedResponsesServer.ToolOutput(harness.Server.Requests[1], "call_p"));
    }

    [Fact]
    public async Task RunAsync_AcceptEdits_WritesTheFileWithoutAsking()
    {
        await using var harness = await CodexRunnerHarness.StartAsync(CodexCli.CatalogModel);
        harness.Server.Enqueue(ResponsesTurn.Patch("call_p", NotesPatch), ResponsesTurn.Answer("Added notes.txt."));
        using var conversation = new ScriptedConversation();

        var outcome = await harness.RunAsync(conversation, permissionMode: "acceptEdits");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Empty(conversation.Asks);
        Assert.True(File.Exists(Path.Combine(harness.Work, "notes.txt")));
    }

    private const string NotesPatch = "*** Begin Patch\n*** Add File: notes.txt\n+first line\n+second line\n*** End Patch\n";
}
