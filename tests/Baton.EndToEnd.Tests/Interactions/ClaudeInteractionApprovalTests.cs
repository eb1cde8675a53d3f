using System.Text.Json;
using Baton.AgentCli.Tests.Fakes;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// Tool approvals end to end: the real Claude Code asks before it runs Bash, and the CLI approves, denies or cancels
/// the way a person would, with the daemon running or killed meanwhile.
/// </summary>
public sealed class ClaudeInteractionApprovalTests : ClaudeInteractionTestBase
{
    [Fact]
    public async Task Approve_ABashCallTheAgentAsksFor_ToolRunsAndTheTaskCompletes()
    {
        harness.Server.Enqueue(ScriptedTurn.Bash("touch approved.txt"), ScriptedTurn.Text("Touched."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("toucher", "Touch approved.txt.");

        var open = await OpenInteractionAsync(id);
        Assert.Equal("tool_approval", open.GetProperty("kind").GetString());
        Assert.Equal("Bash: touch approved.txt", open.GetProperty("summary").GetString());
        var status = await harness.Home.StatusAsync(id);
        Assert.Equal("input_required", status.GetProperty("status").GetString());
        Assert.Equal(open.GetProperty("interaction_id").GetString(), status.GetProperty("open_interaction").GetProperty("interaction_id").GetString());
        var text = await harness.Home.RunAsync("task", "status", id);
        Assert.Contains($"baton task approve {open.GetProperty("interaction_id").GetString()}", text.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.Work, "approved.txt")), "the tool ran before it was approved");

        var approved = await harness.Home.RunAsync("task", "approve", id);

        Assert.True(approved.ExitCode == 0, approved.ToString());
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal("Touched.", final.GetProperty("result").GetString());
        Assert.True(File.Exists(Path.Combine(harness.Work, "approved.txt")));
        var result = Assert.Single(harness.Server.Turns[1].ToolResults);
        Assert.DoesNotContain("denied", result.Content, StringComparison.OrdinalIgnoreCase);
        var events = (await store.EventsOfAsync(id)).Select(e => e.Type).ToList();
        Assert.Contains(EventTypes.TaskInputRequired, events);
        Assert.Contains(EventTypes.InteractionAnswered, events);
        var stored = Assert.Single(await InteractionsOfAsync(id));
        Assert.Equal(InteractionStatus.Answered, stored.Status);
        Assert.NotNull(stored.DeliveredAt);
    }

    [Fact]
    public async Task Deny_WithAMessage_ModelGetsTheMessageAndTheToolNeverRuns()
    {
        harness.Server.Enqueue(ScriptedTurn.Bash("touch denied.txt"), ScriptedTurn.Text("Understood, not touching it."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("toucher", "Touch denied.txt.");
        await OpenInteractionAsync(id);

        var denied = await harness.Home.RunAsync("task", "deny", id, "--message", "not that");

        Assert.True(denied.ExitCode == 0, denied.ToString());
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(harness.Work, "denied.txt")));
        var result = Assert.Single(harness.Server.Turns[1].ToolResults);
        Assert.Contains("not that", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillDaemon_WhileAnApprovalIsOpen_AnswerGivenWithoutADaemonIsAppliedWhenTheResumedSessionAsksAgain()
    {
        harness.Server.Enqueue(
            ScriptedTurn.Bash("touch rescued.txt"),
            // The orphaned CLI sees its permission stream close, takes that as a refusal and asks the model on; a 400
            // (which it sends six times in all) ends it, so the turns after it belong to the resumed session.
            ScriptedTurn.ApiError("the orphaned CLI's request", 400, times: 6),
            // The resumed session's model asks for the same call again; the stored answer approves it without a person.
            ScriptedTurn.Bash("touch rescued.txt"),
            ScriptedTurn.Text("Rescued and done."));
        var first = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("toucher", "Touch rescued.txt.");
        var open = await OpenInteractionAsync(id);
        var interactionId = open.GetProperty("interaction_id").GetString()!;
        var sessionId = (await harness.Home.StatusAsync(id)).GetProperty("session_id").GetString();
        var orphans = ProcessesOf(id, _ => true);

        first.KillHard();
        first.Dispose();
        await Eventually.True(() => orphans.All(pid => !ProcessProbe.IsAlive(pid)), Deadline, "the orphaned CLI to give up");
        Assert.Equal(7, harness.Server.Turns.Count);
        var approved = await harness.Home.RunAsync("task", "approve", id);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal(InteractionStatus.Answered, (await store.Interactions.GetAsync(interactionId))!.Status);
        Assert.False(File.Exists(Path.Combine(harness.Work, "rescued.txt")));
        using var second = await harness.StartDaemonAsync();
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString() + "\n" + Requests());
        Assert.Equal("Rescued and done.", final.GetProperty("result").GetString());
        Assert.True(File.Exists(Path.Combine(harness.Work, "rescued.txt")));
        var attempts = final.GetProperty("attempts");
        Assert.Equal(["interrupted", "completed"], attempts.EnumerateArray().Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(sessionId, attempts[1].GetProperty("session_id").GetString());
        // One interaction, answered once by the person and applied to the repeated ask; nothing new in the inbox.
        var stored = Assert.Single(await InteractionsOfAsync(id));
        Assert.Equal(interactionId, stored.Id);
        Assert.Equal(InteractionStatus.Answered, stored.Status);
        Assert.NotNull(stored.DeliveredAt);
        Assert.Empty((await harness.Home.RunAsync("inbox", "--json")).Json.GetProperty("interactions").EnumerateArray());
        // The resumed session carried the earlier conversation, and the repeated call ran.
        Assert.Equal(9, harness.Server.Turns.Count);
        var last = harness.Server.Turns[8];
        Assert.Contains("Touch rescued.txt.", string.Join("\n", last.Texts), StringComparison.Ordinal);
        var ran = last.ToolResults.Last();
        Assert.DoesNotContain("failed", ran.Content, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("denied", ran.Content, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancel_WhileAnApprovalIsOpen_StopsTheCliTreeAndWithdrawsTheInteraction()
    {
        harness.Server.Enqueue(ScriptedTurn.Bash("touch never.txt"), ScriptedTurn.Text("never reached"));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("toucher", "Touch never.txt.");
        var open = await OpenInteractionAsync(id);
        var tree = ProcessesOf(id, _ => true);
        Assert.NotEmpty(tree);

        var cancelled = await harness.Home.RunAsync("task", "cancel", id);

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("cancelled", final.GetProperty("status").GetString());
        await Eventually.True(() => tree.All(pid => !ProcessProbe.IsAlive(pid)), TimeSpan.FromSeconds(10), "the agent's processes to end");
        var stored = (await store.Interactions.GetAsync(open.GetProperty("interaction_id").GetString()!))!;
        Assert.Equal(InteractionStatus.Withdrawn, stored.Status);
        Assert.Empty((await harness.Home.RunAsync("inbox", "--json")).Json.GetProperty("interactions").EnumerateArray());
        Assert.False(File.Exists(Path.Combine(harness.Work, "never.txt")));
        Assert.Single(harness.Server.Turns);
    }

    /// <summary>Waits until the task's interaction shows in `baton inbox --json` and returns it.</summary>
    private async Task<JsonElement> OpenInteractionAsync(string taskId)
    {
        var found = await Eventually.Until(
            async () =>
            {
                var inbox = await harness.Home.RunAsync("inbox", "--json");
                Assert.True(inbox.ExitCode == 0, inbox.ToString());
                return inbox.Json.GetProperty("interactions").EnumerateArray()
                    .Where(i => i.GetProperty("task_id").GetString() == taskId)
                    .Select(i => (object?)i.Clone()).FirstOrDefault();
            },
            Deadline,
            $"task {taskId}'s agent to ask");
        return (JsonElement)found;
    }

    private async Task<IReadOnlyList<InteractionRecord>> InteractionsOfAsync(string taskId) =>
        await store.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: taskId));

    /// <summary>Each model request in short (role and blocks of every message), for failure messages.</summary>
    private string Requests() => string.Join("\n", harness.Server.Turns.Select(turn => string.Join(" | ", turn.Messages.Select(message =>
        (string?)message["role"] + ": " + (message["content"] is System.Text.Json.Nodes.JsonArray blocks
            ? string.Join(", ", blocks.Select(b => (string?)b!["type"] + ":" + Short(b)))
            : Short(message["content"]))))));

    private static string Short(System.Text.Json.Nodes.JsonNode? node)
    {
        var text = node is System.Text.Json.Nodes.JsonObject block
            ? block["text"]?.ToString() ?? block["content"]?.ToJsonString() ?? block["input"]?.ToJsonString() ?? block.ToJsonString()
            : node?.ToJsonString() ?? "";
        return text.Length > 80 ? text[..80] : text;
    }
}
