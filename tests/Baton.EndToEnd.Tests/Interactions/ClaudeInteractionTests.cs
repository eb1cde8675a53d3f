using System.Text;
using System.Text.Json;
using Baton.AgentCli.Tests.Fakes;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Agents;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// People in the loop end to end: `baton serve` runs the real Claude Code against a scripted model endpoint, the
/// agent asks, and the CLI answers, steers, pauses and cancels it the way a person would.
/// </summary>
public sealed class ClaudeInteractionTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;
    private InteractionStoreClient store = null!;

    public async Task InitializeAsync()
    {
        harness = await ClaudeAgentHarness.StartAsync();
        // Bash is not pre-allowed, so the CLI asks before running a command that changes anything.
        harness.DefineAgent("toucher", "tools: Read");
        harness.DefineAgent("sleeper", "tools: Bash");
        store = await InteractionStoreClient.OpenAsync(harness.Home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await harness.DisposeAsync();
    }

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
    public async Task Intervene_WhileASlowToolRuns_NextModelRequestCarriesTheMessage()
    {
        const string Steer = "Use PostgreSQL instead";
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("Switched to PostgreSQL."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("sleeper", "Set up storage.");
        var sleeps = await SleepsOfAsync(id);

        var sent = await harness.Home.RunAsync("task", "intervene", id, "--message", Steer);

        Assert.True(sent.ExitCode == 0, sent.ToString());
        await Eventually.True(() => MessageDelivered(id), Deadline, "the message to reach claude");
        // The slow tool ends (as a long build would); the CLI hands the message over with the tool's result.
        foreach (var pid in sleeps)
        {
            ProcessProbe.Kill(pid);
        }

        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(2, harness.Server.Turns.Count);
        Assert.DoesNotContain(Steer, harness.Server.Turns[0].Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Steer, harness.Server.Turns[1].Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseThenResume_ARunningAgent_ResumesTheSameSessionWithTheConversationAndTheMessage()
    {
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("Went on and finished."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("sleeper", "Wait a while.");
        var sleeps = await SleepsOfAsync(id);
        var sessionId = (await harness.Home.StatusAsync(id)).GetProperty("session_id").GetString();

        var paused = await harness.Home.RunAsync("task", "pause", id, "--reason", "lunch");

        Assert.True(paused.ExitCode == 0, paused.ToString());
        await Eventually.True(
            async () => (await harness.Home.StatusAsync(id)) is var s && s.GetProperty("status").GetString() == "paused"
                && s.GetProperty("attempts")[0].GetProperty("status").GetString() != "running",
            Deadline, "the task to pause");
        var atPause = await harness.Home.StatusAsync(id);
        Assert.Equal(sessionId, atPause.GetProperty("attempts")[0].GetProperty("session_id").GetString());
        await Eventually.True(() => sleeps.All(pid => !ProcessProbe.IsAlive(pid)), Deadline, "the paused agent's tool to stop");
        Assert.Single(harness.Server.Turns);

        var resumed = await harness.Home.RunAsync("task", "resume", id, "--message", "go on");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        Assert.Equal("Went on and finished.", final.GetProperty("result").GetString());
        var attempts = final.GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal(sessionId, attempts[1].GetProperty("session_id").GetString());
        var body = harness.Server.Turns[^1].Body!.ToJsonString();
        Assert.Contains("Wait a while.", body, StringComparison.Ordinal);
        Assert.Contains("sleep 600", body, StringComparison.Ordinal);
        Assert.Contains("go on", body, StringComparison.Ordinal);
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

    private bool MessageDelivered(string taskId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={harness.Home.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM steering_messages WHERE task_id = $id AND delivered_at IS NOT NULL";
        command.Parameters.AddWithValue("$id", taskId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

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

    private static async Task<List<int>> SleepsOfAsync(string taskId) =>
        await Eventually.Until(
            () => Task.FromResult<List<int>?>(ProcessesOf(taskId, cmdline => cmdline.StartsWith("sleep\0600", StringComparison.Ordinal)) is { Count: > 0 } found ? found : null),
            Deadline,
            "the agent's sleep to start");

    /// <summary>Live processes whose environment carries this task's first attempt's marker.</summary>
    private static List<int> ProcessesOf(string taskId, Func<string, bool> cmdlineMatches)
    {
        var marker = Encoding.UTF8.GetBytes($"BATON_ATTEMPT_ID={taskId}/1\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
                if (cmdlineMatches(cmdline) && File.ReadAllBytes($"/proc/{pid}/environ").AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }
}
