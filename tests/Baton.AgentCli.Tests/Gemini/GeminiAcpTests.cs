using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;

namespace Baton.AgentCli.Tests.Gemini;

/// <summary>
/// Baton's gemini runner with people in the loop, against the real gemini-cli in ACP mode and a scripted Gemini API:
/// permission requests become interactions, answers reach the CLI, steering reaches the model.
/// </summary>
public sealed class GeminiAcpTests : IAsyncLifetime
{
    private GeminiAcpHarness gemini = null!;

    public async Task InitializeAsync() => gemini = await GeminiAcpHarness.StartAsync();

    public async Task DisposeAsync() => await gemini.DisposeAsync();

    [Fact]
    public async Task RunAsync_ApprovedShellCommand_RunsItAndTheNextModelRequestCarriesItsOutput()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "echo approved > out.txt && echo marker-4711", ["description"] = "write" });
        gemini.Server.EnqueueText("Done.");
        var conversation = new ScriptedConversation();

        var outcome = await gemini.RunAsync("Write the file.", conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + gemini.Log());
        Assert.Equal("Done.", outcome.Result);
        var ask = Assert.Single(conversation.Asked);
        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("echo approved > out.txt && echo marker-4711", ask.Summary);
        Assert.Equal("run_shell_command", ask.ToolName);
        Assert.Single(conversation.Delivered);
        Assert.Equal("approved\n", File.ReadAllText(Path.Combine(gemini.Work, "out.txt")));
        Assert.Equal(2, gemini.Server.AgentRequests.Count);
        Assert.Contains("marker-4711", ScriptedGeminiServer.TextOf(gemini.Server.AgentRequests[1]));
        Assert.NotEmpty(outcome.Details!.Models);
        Assert.Equal(2000, outcome.Details.Models.Values.Sum(m => m.InputTokens));
    }

    [Fact]
    public async Task RunAsync_DeniedShellCommandWithMessage_DoesNotRunItAndSendsTheMessageAsTheNextPrompt()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "echo denied > out.txt", ["description"] = "write" });
        gemini.Server.EnqueueText("I will not run it.");
        gemini.Server.EnqueueText("Understood: staging.");
        var conversation = new ScriptedConversation
        {
            Decide = _ => new InteractionResponse { Decision = InteractionDecision.Deny, Message = "Use the staging database", RespondedBy = "tester" },
        };

        var outcome = await gemini.RunAsync("Write the file.", conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + gemini.Log());
        Assert.Equal("Understood: staging.", outcome.Result);
        Assert.Single(conversation.Delivered);
        Assert.False(File.Exists(Path.Combine(gemini.Work, "out.txt")));
        var requests = gemini.Server.AgentRequests;
        Assert.Equal(3, requests.Count);
        Assert.Contains("canceled by the user", ScriptedGeminiServer.TextOf(requests[1]));
        Assert.Contains("Use the staging database", ScriptedGeminiServer.TextOf(requests[2]));
    }

    [Fact]
    public async Task RunAsync_ApprovedAlways_TheSameCommandDoesNotAskAgainInTheSession()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "echo one >> out.txt", ["description"] = "write" });
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "echo two >> out.txt", ["description"] = "write" });
        gemini.Server.EnqueueText("Both written.");
        var conversation = new ScriptedConversation
        {
            Decide = _ => new InteractionResponse { Decision = InteractionDecision.Approve, Remember = true, RespondedBy = "tester" },
        };

        var outcome = await gemini.RunAsync("Write twice.", conversation);

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + gemini.Log());
        Assert.Single(conversation.Asked);
        Assert.Equal("one\ntwo\n", File.ReadAllText(Path.Combine(gemini.Work, "out.txt")));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileAToolRuns_StopsTheWholeTree()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "echo $$ > pid.txt; sleep 61", ["description"] = "wait" });
        using var cancel = new CancellationTokenSource();

        var run = gemini.RunAsync("Wait.", new ScriptedConversation(), permissionMode: "yolo", stop: cancel.Token);
        var pidFile = Path.Combine(gemini.Work, "pid.txt");
        await EventuallyAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the tool's shell to start");
        var pid = File.ReadAllText(pidFile).Trim();
        await cancel.CancelAsync();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the tool's shell {pid} outlived the attempt");
    }

    [Fact]
    public async Task RunAsync_SteeredBeforeAnyToolCall_CancelsTheTurnAndTheNextModelRequestCarriesThePromptAndTheMessage()
    {
        gemini.Server.EnqueueTextThenHold("Let me set up MySQL");
        gemini.Server.EnqueueText("Switching to PostgreSQL.");
        var conversation = new ScriptedConversation();

        var run = gemini.RunAsync("Set up the database.", conversation);
        await EventuallyAsync(() => gemini.Progress.Any(p => p.Turns >= 1), "the model to start streaming");
        conversation.Send("Use PostgreSQL instead");
        var outcome = await run;

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + gemini.Log());
        Assert.Equal("Switching to PostgreSQL.", outcome.Result);
        Assert.Equal("Use PostgreSQL instead", Assert.Single(conversation.MessagesDelivered).Text);
        var requests = gemini.Server.AgentRequests;
        Assert.Equal(2, requests.Count);
        Assert.Contains("Use PostgreSQL instead", ScriptedGeminiServer.TextOf(requests[1]));
        // gemini drops a cancelled turn's prompt from its history, so the next prompt carries it again.
        Assert.Contains("Set up the database.", ScriptedGeminiServer.TextOf(requests[1]));
    }

    [Fact]
    public async Task RunAsync_YoloAgentSteeredWhileAToolRuns_NeverAsksLetsTheTurnEndAndTheMessageIsTheNextPrompt()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "sleep 3; echo slept-well", ["description"] = "wait" });
        gemini.Server.EnqueueText("The tool is done.");
        gemini.Server.EnqueueText("Switching to PostgreSQL.");
        var conversation = new ScriptedConversation();

        var run = gemini.RunAsync("Set up the database.", conversation, permissionMode: "yolo");
        await EventuallyAsync(() => gemini.Progress.Any(p => p.CurrentStep?.Contains("sleep 3", StringComparison.Ordinal) == true), "the tool to start");
        conversation.Send("Use PostgreSQL instead");
        var outcome = await run;

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + gemini.Log());
        Assert.Equal("Switching to PostgreSQL.", outcome.Result);
        Assert.Empty(conversation.Asked);
        Assert.Equal("Use PostgreSQL instead", Assert.Single(conversation.MessagesDelivered).Text);
        var requests = gemini.Server.AgentRequests;
        Assert.Equal(3, requests.Count);
        Assert.Contains("slept-well", ScriptedGeminiServer.TextOf(requests[1]));
        Assert.Contains("Use PostgreSQL instead", ScriptedGeminiServer.TextOf(requests[2]));
        AssertEveryCallAnswered(requests[2]);
    }

    [Fact]
    public async Task RunAsync_PausedWhileAToolRuns_EndsAtOnceWithTheSessionSaved()
    {
        gemini.Server.EnqueueCall("run_shell_command", new JsonObject { ["command"] = "sleep 60", ["description"] = "wait" });
        var conversation = new ScriptedConversation();
        var clock = Stopwatch.StartNew();

        var run = gemini.RunAsync("Set up the database.", conversation, permissionMode: "yolo");
        await EventuallyAsync(() => gemini.Progress.Any(p => p.CurrentStep?.Contains("sleep 60", StringComparison.Ordinal) == true), "the tool to start");
        conversation.Pause();
        var paused = await run;

        Assert.False(paused.Succeeded);
        Assert.StartsWith("paused", paused.Error, StringComparison.Ordinal);
        Assert.Equal("cancelled", paused.Details!.Subtype);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"the pause waited for the tool ({clock.Elapsed})");
        var session = paused.Details.SessionId;
        Assert.NotNull(session);
        var saved = Directory.GetFiles(gemini.Home, $"session-*-{session[..8]}.jsonl", SearchOption.AllDirectories);
        Assert.Contains("Set up the database.", File.ReadAllText(Assert.Single(saved)), StringComparison.Ordinal);
    }

    /// <summary>The Gemini API refuses a history in which a model's function call is not followed by its response.</summary>
    private static void AssertEveryCallAnswered(JsonObject request)
    {
        var contents = request["contents"]!.AsArray();
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i]!["parts"]!.AsArray().Any(part => part!["functionCall"] is not null))
            {
                Assert.True(i + 1 < contents.Count && contents[i + 1]!["parts"]!.AsArray().Any(part => part!["functionResponse"] is not null), request.ToJsonString());
            }
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
