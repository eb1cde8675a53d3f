using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.AgentCli.Tests.Interactive;

/// <summary>
/// Baton's Claude runner in interactive mode (stream-json in, permission prompts on stdio) on the real CLI: what the
/// agent asks reaches the conversation, and each answer reaches the model as the CLI tells it.
/// </summary>
public sealed class ClaudeInteractiveTests : IAsyncLifetime
{
    private const string Done = "All done.";
    private ScriptedAnthropicServer server = null!;
    private readonly ClaudeSandbox sandbox = new();
    private readonly ScriptedConversation conversation = new();
    private RunnerHarness harness = null!;

    public async Task InitializeAsync()
    {
        server = await ScriptedAnthropicServer.StartAsync();
        harness = new RunnerHarness(server.BaseUrl, sandbox);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        conversation.Dispose();
        sandbox.Dispose();
    }

    [Fact]
    public async Task RunAsync_BashApproved_ToolRunsAndModelGetsItsResult()
    {
        server.Enqueue(ScriptedTurn.Bash("echo approved > out.txt"), ScriptedTurn.Text(Done));

        var outcome = await harness.RunAsync(conversation, "Write out.txt");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal(Done, outcome.Result);
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("Bash: echo approved > out.txt", ask.Summary);
        Assert.Equal("Bash", ask.ToolName);
        Assert.Contains("\"command\":\"echo approved > out.txt\"", ask.Input, StringComparison.Ordinal);
        Assert.NotNull(ask.Suggestions);
        Assert.Equal("approved\n", File.ReadAllText(Path.Combine(sandbox.Work, "out.txt")));
        Assert.Single(conversation.Delivered);
        var result = Assert.Single(server.Turns[1].ToolResults);
        Assert.DoesNotContain("denied", result.Content, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_BashDeniedWithMessage_ModelGetsErrorCarryingTheMessage()
    {
        const string Reason = "Use git clean instead of rm";
        server.Enqueue(ScriptedTurn.Bash("rm -rf build"), ScriptedTurn.Text(Done));
        Directory.CreateDirectory(Path.Combine(sandbox.Work, "build"));
        conversation.Respond = _ => ScriptedConversation.Deny(Reason);

        var outcome = await harness.RunAsync(conversation, "Clean up");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.True(Directory.Exists(Path.Combine(sandbox.Work, "build")));
        var block = server.Turns[1].ContentBlocks.Single(b => (string?)b["type"] == "tool_result");
        Assert.True((bool?)block["is_error"]);
        Assert.Contains(Reason, block["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(conversation.Delivered);
    }

    [Fact]
    public async Task RunAsync_ApprovedWithRemember_SameCallLaterInSessionIsNotAskedAgain()
    {
        server.Enqueue(ScriptedTurn.Bash("touch made.txt"), ScriptedTurn.Bash("touch made.txt"), ScriptedTurn.Text(Done));
        conversation.Respond = _ => ScriptedConversation.Approve(remember: true);

        var outcome = await harness.RunAsync(conversation, "Touch it twice");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Single(conversation.Asks);
        Assert.Equal(2, server.Turns[2].ToolResults.Count());
        Assert.True(File.Exists(Path.Combine(sandbox.Work, "made.txt")));
        // Remembered for the session only: nothing was written into the project's settings.
        Assert.False(File.Exists(Path.Combine(sandbox.Work, ".claude", "settings.local.json")));
    }

    [Fact]
    public async Task RunAsync_ApprovedWithFeedback_ModelGetsTheFeedback()
    {
        const string Feedback = "Also print the date next time";
        server.Enqueue(ScriptedTurn.Bash("echo fed > fed.txt"), ScriptedTurn.Text(Done), ScriptedTurn.Text(Done));
        conversation.Respond = _ => ScriptedConversation.Approve(Feedback);

        var outcome = await harness.RunAsync(conversation, "Write fed.txt");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.True(File.Exists(Path.Combine(sandbox.Work, "fed.txt")));
        Assert.Contains(server.Turns, turn => turn.Body!.ToJsonString().Contains(Feedback, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_QuestionWithOptionsAnswered_ModelGetsTheAnswer()
    {
        const string Question = "Which database should I use?";
        server.Enqueue(
            ScriptedTurn.ToolUse("AskUserQuestion", new
            {
                questions = new[]
                {
                    new
                    {
                        question = Question,
                        header = "Database",
                        options = new[] { new { label = "PostgreSQL", description = "server" }, new { label = "SQLite", description = "embedded" } },
                        multiSelect = false,
                    },
                },
            }),
            ScriptedTurn.Text(Done));
        conversation.Respond = _ => ScriptedConversation.Answer(new Dictionary<string, string> { [Question] = "PostgreSQL" });

        var outcome = await harness.RunAsync(conversation, "Set up storage");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.Question, ask.Kind);
        Assert.Equal(Question, ask.Summary);
        var question = Assert.Single(ask.Questions);
        Assert.Equal("Database", question.Header);
        Assert.Equal(["PostgreSQL", "SQLite"], question.Options.Select(o => o.Label));
        Assert.Equal("embedded", question.Options[1].Description);
        var result = Assert.Single(server.Turns[1].ToolResults);
        Assert.Contains("\"Which database should I use?\"=\"PostgreSQL\"", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlanApproved_LeavesPlanModeAndCarriesOutThePlan()
    {
        const string Plan = "1. Create schema.sql\n2. Run migrations";
        server.Enqueue(
            ScriptedTurn.ToolUse("ExitPlanMode", new { plan = Plan }),
            ScriptedTurn.Write(Path.Combine(sandbox.Work, "schema.sql"), "create table t(id int);\n"),
            ScriptedTurn.Text(Done));

        var outcome = await harness.RunAsync(conversation, "Plan the schema", PlanMode());

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal([InteractionKind.PlanApproval, InteractionKind.ToolApproval], conversation.Asks.Select(a => a.Kind));
        Assert.Equal(Plan, conversation.Asks[0].Plan);
        Assert.Equal("Plan: 1. Create schema.sql", conversation.Asks[0].Summary);
        Assert.StartsWith("Write schema.sql (1 line", conversation.Asks[1].Summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sandbox.Work, "schema.sql")));
        Assert.Contains("\"permissionMode\":\"default\"", harness.Log(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlanDeniedWithFeedback_ModelGetsTheFeedbackAndStaysInPlanMode()
    {
        const string Feedback = "Add a rollback step first";
        server.Enqueue(ScriptedTurn.ToolUse("ExitPlanMode", new { plan = "1. Migrate" }), ScriptedTurn.Text(Done));
        conversation.Respond = _ => ScriptedConversation.Deny(Feedback);

        var outcome = await harness.RunAsync(conversation, "Plan the migration", PlanMode());

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal(InteractionKind.PlanApproval, Assert.Single(conversation.Asks).Kind);
        var result = Assert.Single(server.Turns[1].ToolResults);
        Assert.Contains(Feedback, result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("\"permissionMode\":\"default\"", harness.Log(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MessageSentMidRun_NextModelRequestCarriesIt()
    {
        const string Steer = "Use PostgreSQL instead";
        server.Enqueue(ScriptedTurn.Bash("sleep 3; echo slept > slept.txt"), ScriptedTurn.Text(Done));
        conversation.Respond = ask =>
        {
            // Sent while the approved command runs: the CLI hands it over at its next model request.
            conversation.Send(Steer);
            return ScriptedConversation.Approve();
        };

        var outcome = await harness.RunAsync(conversation, "Set up storage");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Equal(2, server.Turns.Count);
        Assert.Contains(Steer, server.Turns[1].Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Steer, server.Turns[0].Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Steer, Assert.Single(conversation.DeliveredMessages).Text);
    }

    [Fact]
    public async Task RunAsync_PausedWhileToolRuns_EndsAbortedAndResumeCarriesTheConversation()
    {
        // touch makes the CLI ask (a bare sleep is read-only and runs unasked), so the approval marks the tool's start.
        server.Enqueue(ScriptedTurn.Bash("touch paused.txt && sleep 30"), ScriptedTurn.Text("Resumed and done."));
        conversation.Respond = _ => ScriptedConversation.Approve();

        var running = harness.RunAsync(conversation, "Wait a while");
        await Eventually.TrueAsync(() => conversation.Delivered.Count == 1, TimeSpan.FromSeconds(30), "the approval to reach claude");
        conversation.Pause();
        var paused = await running;

        Assert.False(paused.Succeeded);
        Assert.StartsWith("paused", paused.Error, StringComparison.Ordinal);
        var sessionId = paused.Details?.SessionId;
        Assert.NotNull(sessionId);
        Assert.Contains(harness.Progress, p => p.SessionId == sessionId);
        Assert.Contains("\"subtype\":\"error_during_execution\"", harness.Log(1), StringComparison.Ordinal);
        Assert.Single(server.Turns);

        using var later = new ScriptedConversation();
        var resumed = await harness.RunAsync(later, "Wait a while", resumeSessionId: sessionId, resumePrompt: "Carry on");

        Assert.True(resumed.Succeeded, resumed.Error + "\n" + harness.Log(2));
        Assert.Equal(sessionId, resumed.Details?.SessionId);
        var body = server.Turns[^1].Body!.ToJsonString();
        Assert.Contains("Wait a while", body, StringComparison.Ordinal);
        Assert.Contains("sleep 30", body, StringComparison.Ordinal);
        Assert.Contains("Carry on", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PausedWhileWaitingForAnswer_EndsAndLeavesTheInteractionOpen()
    {
        server.Enqueue(ScriptedTurn.Bash("touch never.txt"), ScriptedTurn.Text(Done));
        conversation.Respond = _ => null;

        var running = harness.RunAsync(conversation, "Touch it");
        await Eventually.TrueAsync(() => conversation.Asks.Count == 1, TimeSpan.FromSeconds(30), "claude to ask");
        conversation.Pause();
        var paused = await running;

        Assert.False(paused.Succeeded);
        Assert.StartsWith("paused", paused.Error, StringComparison.Ordinal);
        Assert.NotNull(paused.Details?.SessionId);
        Assert.False(File.Exists(Path.Combine(sandbox.Work, "never.txt")));
        // Kept open for the resumed session, which asks again and is matched to it by fingerprint.
        Assert.Empty(conversation.Withdrawn);
        Assert.Empty(conversation.Delivered);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileWaitingForAnswer_StopsTheCliWithoutAnAnswer()
    {
        server.Enqueue(ScriptedTurn.Bash("touch never.txt"), ScriptedTurn.Text(Done));
        conversation.Respond = _ => null;
        using var stop = new CancellationTokenSource();

        var running = harness.RunAsync(conversation, "Touch it", stop: stop.Token);
        await Eventually.TrueAsync(() => conversation.Asks.Count == 1, TimeSpan.FromSeconds(30), "claude to ask");
        await stop.CancelAsync();
        var stopped = await running;

        Assert.False(stopped.Succeeded);
        Assert.False(File.Exists(Path.Combine(sandbox.Work, "never.txt")));
        Assert.Empty(conversation.Delivered);
    }

    [Fact]
    public async Task RunAsync_NoConversation_CliRefusesUnallowedToolWithoutAsking()
    {
        server.Enqueue(ScriptedTurn.Bash("touch refused.txt"), ScriptedTurn.Text(Done));

        var outcome = await harness.RunAsync(conversation: null, "Touch it");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.False(File.Exists(Path.Combine(sandbox.Work, "refused.txt")));
        Assert.Contains(outcome.Details!.PermissionDenials, denial => denial.ToolName == "Bash");
    }

    [Fact]
    public async Task RunAsync_ResumeOfUnknownSession_StartsANewSessionInteractively()
    {
        server.Enqueue(ScriptedTurn.Bash("touch fresh.txt"), ScriptedTurn.Text(Done));

        var outcome = await harness.RunAsync(conversation, "Start over", resumeSessionId: Guid.NewGuid().ToString(), resumePrompt: "Carry on");

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + harness.Log(1));
        Assert.Contains("does not know session", harness.Log(1), StringComparison.Ordinal);
        Assert.Single(conversation.Asks);
        Assert.True(File.Exists(Path.Combine(sandbox.Work, "fresh.txt")));
    }

    private static AgentSpec PlanMode() => new() { Name = "planner", PermissionMode = "plan" };
}
