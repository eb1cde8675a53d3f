using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// The CLI end to end against a real daemon: an interaction opened on a running command task shows in
/// <c>baton inbox</c> and <c>baton task status</c> with the command that answers it, and approve, deny and answer
/// store the answer, put the task back to running, and exit with the usual codes when they cannot.
/// </summary>
public sealed class InteractionsCliTests : IAsyncLifetime
{
    private ApiDaemon api = null!;
    private InteractionStoreClient store = null!;

    private BatonHome Home => api.Home;

    public async Task InitializeAsync()
    {
        api = await ApiDaemon.StartAsync(workers: 4);
        store = await InteractionStoreClient.OpenAsync(Home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task Approve_ByTaskPrefixWithAlways_StoresTheAnswerAsTheLocalUserAndTheTaskRunsAgain()
    {
        var (taskId, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());

        var inbox = await Home.RunAsync("inbox", "--json");
        Assert.True(inbox.ExitCode == 0, inbox.ToString());
        var item = Assert.Single(inbox.Json.GetProperty("interactions").EnumerateArray());
        Assert.Equal(opened.Id, item.GetProperty("interaction_id").GetString());
        Assert.Equal("sleep 30", item.GetProperty("task_name").GetString());
        var text = await Home.RunAsync("inbox");
        Assert.Contains("Bash: rm -rf build", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"baton task approve {opened.Id}", text.Stdout, StringComparison.Ordinal);
        var status = await Home.RunAsync("task", "status", taskId);
        Assert.Contains("input_required", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("waiting for", status.Stdout, StringComparison.Ordinal);
        Assert.Contains($"baton task approve {opened.Id}", status.Stdout, StringComparison.Ordinal);
        var statusJson = await Home.StatusAsync(taskId);
        Assert.Equal(opened.Id, statusJson.GetProperty("open_interaction").GetProperty("interaction_id").GetString());

        var approved = await Home.RunAsync("task", "approve", taskId[..6], "--always", "--with-feedback", "careful");

        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Contains($"Approved (always, for the rest of the session) {opened.Id}", approved.Stdout, StringComparison.Ordinal);
        var stored = (await store.Interactions.GetAsync(opened.Id))!;
        Assert.Equal(InteractionDecision.Approve, stored.Response!.Decision);
        Assert.True(stored.Response.Remember);
        Assert.Equal("careful", stored.Response.Message);
        Assert.Equal($"cli:{Environment.UserName}", stored.Response.RespondedBy);
        Assert.Equal("running", (await Home.StatusAsync(taskId)).GetProperty("status").GetString());
        Assert.Contains(EventTypes.InteractionAnswered, (await store.EventsOfAsync(taskId)).Select(e => e.Type));
        var empty = await Home.RunAsync("inbox");
        Assert.Contains("Nothing waits for an answer.", empty.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ByOptionWithTheInteractionId_AnswersWithTheOptionsLabel()
    {
        var (_, opened) = await WaitingTaskAsync(InteractionStoreClient.Question());

        var answered = await Home.RunAsync("task", "answer", opened.Id, "--option", "1", "--json");

        Assert.True(answered.ExitCode == 0, answered.ToString());
        Assert.Equal("answered", answered.Json.GetProperty("status").GetString());
        Assert.Equal("PostgreSQL", (await store.Interactions.GetAsync(opened.Id))!.Response!.Answers["Which database?"]);
    }

    [Fact]
    public async Task Deny_Twice_ExitsConflictTheSecondTime()
    {
        var (taskId, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());
        var first = await Home.RunAsync("task", "deny", taskId, "--message", "not in production");
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await Home.RunAsync("task", "deny", opened.Id, "--message", "again");

        Assert.True(second.ExitCode == 4, second.ToString());
        Assert.Contains("answered", second.Stderr, StringComparison.Ordinal);
        Assert.Equal("not in production", (await store.Interactions.GetAsync(opened.Id))!.Response!.Message);
    }

    [Fact]
    public async Task Answer_ToAnApproval_ExitsInvalidInputAndLeavesItOpen()
    {
        var (taskId, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());

        var result = await Home.RunAsync("task", "answer", taskId, "yes");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("not a question", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.Open, (await store.Interactions.GetAsync(opened.Id))!.Status);
    }

    [Fact]
    public async Task Approve_ATaskThatWaitsForNothingOrDoesNotExist_ExitsConflictOrNotFound()
    {
        var taskId = await Home.AddAsync("--", "sleep", "30");

        var notWaiting = await Home.RunAsync("task", "approve", taskId);
        var unknown = await Home.RunAsync("task", "approve", "zzzzzzzzzzzz");
        var unknownInteraction = await Home.RunAsync("task", "deny", "in_zzzzzzzzzzzz");

        Assert.True(notWaiting.ExitCode == 4, notWaiting.ToString());
        Assert.Contains("waits for no answer", notWaiting.Stderr, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 3, unknown.ToString());
        Assert.True(unknownInteraction.ExitCode == 3, unknownInteraction.ToString());
        await Home.RunAsync("task", "cancel", taskId);
    }

    [Fact]
    public async Task PausePriorityResume_OnAQueuedTask_HoldReorderAndQueueIt()
    {
        var taskId = await Home.AddAsync("--run-at", "+1h", "--", "true");

        var paused = await Home.RunAsync("task", "pause", taskId, "--reason", "not today");
        var priority = await Home.RunAsync("task", "priority", taskId, "high");
        var badPriority = await Home.RunAsync("task", "priority", taskId, "urgent");
        var afterPause = await Home.StatusAsync(taskId);
        var resumed = await Home.RunAsync("task", "resume", taskId, "--json");

        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.Equal("paused", afterPause.GetProperty("status").GetString());
        Assert.Equal("high", afterPause.GetProperty("priority").GetString());
        Assert.True(priority.ExitCode == 0, priority.ToString());
        Assert.True(badPriority.ExitCode == 2, badPriority.ToString());
        Assert.Contains("priority 'urgent' is not one of", badPriority.Stderr, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("pending", resumed.Json.GetProperty("status").GetString());
    }

    private async Task<(string TaskId, InteractionRecord Opened)> WaitingTaskAsync(InteractionAsk ask)
    {
        var taskId = await Home.AddAsync("--", "sleep", "30");
        return (taskId, await store.OpenOnRunningAsync(taskId, ask));
    }
}
