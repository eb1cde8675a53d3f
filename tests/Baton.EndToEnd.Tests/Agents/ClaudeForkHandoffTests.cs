using System.Text.Json;
using Baton.AgentCli.Tests.Fakes;
using Baton.Core.Application;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>
/// <c>baton task fork</c> and <c>baton task handoff</c> against a daemon running the real Claude Code CLI on a scripted
/// model endpoint.
/// </summary>
public sealed class ClaudeForkHandoffTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync() => harness = await ClaudeAgentHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Fork_AFinishedTask_FirstRequestCarriesTheOriginalConversationAndTheOriginalSessionIsUnchanged()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.Server.Enqueue(
            ScriptedTurn.Text("The answer is 42.", new ScriptedUsage(1000, 20)),
            ScriptedTurn.Text("Because it was asked.", new ScriptedUsage(1500, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "What is the answer?");
        var original = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", original.GetProperty("status").GetString());
        var sessionId = original.GetProperty("session_id").GetString()!;
        var transcript = harness.Sandbox.TranscriptPath(sessionId);
        var before = File.ReadAllBytes(transcript);

        var forked = await harness.Home.RunAsync("task", "fork", id, "--prompt", "Why?", "--no-start", "--json");

        Assert.Equal(0, forked.ExitCode);
        var forkId = JsonDocument.Parse(forked.Stdout).RootElement.GetProperty("task_id").GetString()!;
        var status = (await harness.Home.WaitTerminalAsync(forkId, Deadline))!.Value;
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("Because it was asked.", status.GetProperty("result").GetString());
        Assert.Equal(id, status.GetProperty("session_from").GetProperty("task_id").GetString());
        Assert.Equal("fork", status.GetProperty("session_from").GetProperty("use").GetString());
        Assert.Equal("helper", status.GetProperty("agent_name").GetString());
        // The copy has an id of its own, the one the CLI reported; the original's transcript was not touched.
        var forkSession = status.GetProperty("session_id").GetString();
        Assert.False(string.IsNullOrEmpty(forkSession));
        Assert.NotEqual(sessionId, forkSession);
        Assert.Equal(before, File.ReadAllBytes(transcript));
        // The fork's first request carries the original exchange, then its own prompt.
        var texts = string.Join("\n", harness.Server.Turns[^1].Texts);
        Assert.True(texts.IndexOf("What is the answer?", StringComparison.Ordinal) is >= 0 and var asked
            && asked < texts.IndexOf("The answer is 42.", StringComparison.Ordinal)
            && texts.IndexOf("The answer is 42.", StringComparison.Ordinal) < texts.IndexOf("Why?", StringComparison.Ordinal), texts);
    }

    [Fact]
    public async Task Fork_ARunningOrCommandTask_RefusedWithAClearMessage()
    {
        using var daemon = await harness.StartDaemonAsync();
        var command = await harness.Home.AddAsync(["--no-start", "--cwd", harness.Work, "--", "true"]);
        await harness.Home.WaitTerminalAsync(command, Deadline);

        var refused = await harness.Home.RunAsync("task", "fork", command, "--prompt", "Again", "--no-start");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("runs a command, not an agent; there is no agent session to fork", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_SourceSavedNoCapsule_AsksItsSessionForOneFirstThenRunsTheHandoffTaskAfterIt()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.DefineAgent("reviewer", "tools: Read");
        harness.Server.Enqueue(
            ScriptedTurn.Text("The answer is 42.", new ScriptedUsage(1000, 20)),
            ScriptedTurn.Text("Nothing to save.", new ScriptedUsage(1000, 20)),
            ScriptedTurn.Text("Taken over.", new ScriptedUsage(1000, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "What is the answer?");
        Assert.Equal("completed", (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value.GetProperty("status").GetString());

        var handoff = await harness.Home.RunAsync("task", "handoff", id, "--to", "reviewer", "--no-start", "--json");

        Assert.Equal(0, handoff.ExitCode);
        var answer = JsonDocument.Parse(handoff.Stdout).RootElement;
        var requestId = answer.GetProperty("capsule_request").GetProperty("task_id").GetString()!;
        var taskId = answer.GetProperty("task").GetProperty("task_id").GetString()!;
        Assert.Equal(
            $"{id} saved no capsule: asking its session for one first (task {requestId}); the handoff task {taskId} starts when it is saved",
            answer.GetProperty("message").GetString());
        var handedOff = (await harness.Home.WaitTerminalAsync(taskId, Deadline))!.Value;
        Assert.Equal("completed", handedOff.GetProperty("status").GetString());
        Assert.Equal("reviewer", handedOff.GetProperty("agent_name").GetString());
        Assert.Equal([requestId], handedOff.GetProperty("depends_on").EnumerateArray().Select(e => e.GetString()));
        var request = await harness.Home.StatusAsync(requestId);
        Assert.Equal("completed", request.GetProperty("status").GetString());
        Assert.Equal("continue", request.GetProperty("session_from").GetProperty("use").GetString());
        Assert.Equal(SessionHandoffService.CapsuleRequestTimeoutSeconds, request.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal(SessionHandoffService.CapsuleRequestBudgetUsd, request.GetProperty("budget_usd").GetDecimal());
        Assert.Equal(0, request.GetProperty("max_retries").GetInt32());
        // The request continued the source's own session: the original exchange, then the instruction to save.
        var asked = string.Join("\n", harness.Server.Turns[1].Texts);
        Assert.Contains("The answer is 42.", asked, StringComparison.Ordinal);
        Assert.Contains("Call the context_save tool now", asked, StringComparison.Ordinal);
        // The handoff task is a fresh session: none of the original conversation, only its prompt and the upstream
        // context of the request it waited for (where that request's capsule goes).
        var fresh = string.Join("\n", harness.Server.Turns[2].Texts);
        Assert.DoesNotContain("The answer is 42.", fresh, StringComparison.Ordinal);
        Assert.Contains(HandoffPrompts.DefaultBeforeUpstream, fresh, StringComparison.Ordinal);
        Assert.Contains("Nothing to save.", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_SourceSavedACapsule_TheNewAgentsFirstRequestCarriesItsDecisionThenThePrompt()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.DefineAgent("reviewer", "tools: Read");
        harness.Server.Enqueue(
            ScriptedTurn.Text("Half done.", new ScriptedUsage(1000, 20)),
            ScriptedTurn.Text("Using Redis, as decided.", new ScriptedUsage(1000, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "Add rate limiting.");
        var source = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        await using (var capsules = new Baton.Storage.Sqlite.SqliteCapsuleStore(new Baton.Storage.Sqlite.SqliteStoreOptions { DatabasePath = harness.Home.DatabasePath }))
        {
            var at = DateTimeOffset.UtcNow;
            await capsules.SaveAsync(new Baton.Core.Sessions.CapsuleRecord(
                Baton.Core.Sessions.CapsuleIds.New(at), id, 1, source.GetProperty("session_id").GetString(), null, "helper", at,
                new Baton.Core.Sessions.ContextCapsule
                {
                    CurrentTask = "Add rate limiting to the API",
                    NextSteps = ["wire the limiter into the middleware"],
                    Decisions = [new Baton.Core.Sessions.CapsuleDecision("Keep counters in Redis", "they are shared by every node")],
                }));
        }

        var handoff = await harness.Home.RunAsync("task", "handoff", id, "--to", "reviewer", "--prompt", "Finish it.", "--no-start");

        Assert.Equal(0, handoff.ExitCode);
        Assert.StartsWith("Task ", handoff.Stdout, StringComparison.Ordinal);
        Assert.Contains($"takes the work over with the saved capsule of task {id} (reviewer)", handoff.Stdout, StringComparison.Ordinal);
        var taskId = handoff.Stdout.Split(' ')[1];
        var handedOff = (await harness.Home.WaitTerminalAsync(taskId, Deadline))!.Value;
        Assert.Equal("completed", handedOff.GetProperty("status").GetString());
        Assert.Equal(0, handedOff.GetProperty("depends_on").GetArrayLength());
        var texts = string.Join("\n", harness.Server.Turns[^1].Texts);
        Assert.True(texts.IndexOf("Keep counters in Redis (because they are shared by every node)", StringComparison.Ordinal) is >= 0 and var decision
            && decision < texts.IndexOf("Finish it.", StringComparison.Ordinal), texts);
        Assert.DoesNotContain("Half done.", texts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_ToAnUnknownAgent_RefusedNamingTheAgent()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.Server.Enqueue(ScriptedTurn.Text("Done.", new ScriptedUsage(1000, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "Do it.");
        await harness.Home.WaitTerminalAsync(id, Deadline);

        var refused = await harness.Home.RunAsync("task", "handoff", id, "--to", "nobody-here", "--no-start");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("nobody-here", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_CapsuleRequestFails_HandoffNotRunAndHandingOffAgainGoesOnFromTheResult()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.DefineAgent("reviewer", "tools: Read");
        // Only the source's turn: every request of the capsule request is refused by the model endpoint.
        harness.Server.Enqueue(ScriptedTurn.Text("The answer is 42.", new ScriptedUsage(1000, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "What is the answer?");
        Assert.Equal("completed", (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value.GetProperty("status").GetString());

        var first = JsonDocument.Parse((await harness.Home.RunAsync("task", "handoff", id, "--to", "reviewer", "--no-start", "--json")).Stdout).RootElement;
        var requestId = first.GetProperty("capsule_request").GetProperty("task_id").GetString()!;
        var notRun = (await harness.Home.WaitTerminalAsync(first.GetProperty("task").GetProperty("task_id").GetString()!, Deadline))!.Value;
        Assert.Equal("cancelled", notRun.GetProperty("status").GetString());
        Assert.Contains(requestId, notRun.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", (await harness.Home.StatusAsync(requestId)).GetProperty("status").GetString());
        harness.Server.Enqueue(ScriptedTurn.Text("Taken over.", new ScriptedUsage(1000, 20)));

        var again = await harness.Home.RunAsync("task", "handoff", id, "--to", "reviewer", "--no-start", "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        var answer = JsonDocument.Parse(again.Stdout).RootElement;
        // The request is not made twice: the one that failed is named, and the new task starts at once.
        Assert.Equal(requestId, answer.GetProperty("capsule_request").GetProperty("task_id").GetString());
        var taskId = answer.GetProperty("task").GetProperty("task_id").GetString()!;
        Assert.Equal(
            $"{id} saved no capsule and asking its session for one did not bring one (task {requestId} failed): task {taskId} takes the work over from its result",
            answer.GetProperty("message").GetString());
        var handedOff = (await harness.Home.WaitTerminalAsync(taskId, Deadline))!.Value;
        Assert.True(handedOff.GetProperty("status").GetString() == "completed", handedOff.ToString());
        Assert.Empty(handedOff.GetProperty("depends_on").EnumerateArray());
        var fresh = string.Join("\n", harness.Server.Turns[^1].Texts);
        Assert.Contains("The answer is 42.", fresh, StringComparison.Ordinal);
        Assert.Contains($"asking it for one did not bring one (task {requestId} failed)", fresh, StringComparison.Ordinal);
        Assert.Contains(HandoffPrompts.Default, fresh, StringComparison.Ordinal);
    }
}
