using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Harness;
using Baton.EndToEnd.Tests.Mcp;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// The MCP tools for people in the loop through the official SDK client over stdio (as the session that queued the
/// work would answer its background agents): list_interactions, interaction_respond and task_intervene.
/// </summary>
public sealed class InteractionsMcpTests : IAsyncLifetime
{
    private readonly McpHarness harness = new();
    private DaemonProcess daemon = null!;
    private InteractionStoreClient store = null!;

    public async Task InitializeAsync()
    {
        daemon = await harness.StartDaemonAsync();
        store = await InteractionStoreClient.OpenAsync(harness.Home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        daemon.Dispose();
        harness.Dispose();
    }

    [Fact]
    public async Task InteractionRespond_ToAListedApproval_AnswersAsTheMcpUserAndRefusesASecondAnswer()
    {
        await using var client = await harness.ConnectStdioAsync();
        var taskId = await QueueSleepAsync(client);
        var opened = await store.OpenOnRunningAsync(taskId, InteractionStoreClient.Approval());

        var listed = await McpHarness.CallAsync(client, "list_interactions", $$"""{"task_id": "{{taskId}}"}""");
        Assert.False(listed.IsError == true, McpHarness.Text(listed));
        Assert.Contains("Bash: rm -rf build", McpHarness.Text(listed), StringComparison.Ordinal);
        Assert.Equal(opened.Id, McpHarness.Structured(listed).GetProperty("interactions")[0].GetProperty("interaction_id").GetString());

        var wrongKind = await McpHarness.CallAsync(client, "interaction_respond", $$"""{"interaction_id": "{{opened.Id}}", "decision": "answer", "message": "yes"}""");
        var approved = await McpHarness.CallAsync(client, "interaction_respond", $$"""{"interaction_id": "{{opened.Id}}", "decision": "approve", "remember": true}""");
        var again = await McpHarness.CallAsync(client, "interaction_respond", $$"""{"interaction_id": "{{opened.Id}}", "decision": "deny"}""");

        Assert.True(wrongKind.IsError == true, McpHarness.Text(wrongKind));
        Assert.Equal("invalid_input", wrongKind.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.False(approved.IsError == true, McpHarness.Text(approved));
        var stored = (await store.Interactions.GetAsync(opened.Id))!;
        Assert.Equal(InteractionDecision.Approve, stored.Response!.Decision);
        Assert.True(stored.Response.Remember);
        Assert.Equal($"mcp:{Environment.UserName}", stored.Response.RespondedBy);
        Assert.True(again.IsError == true, McpHarness.Text(again));
        Assert.Equal("conflict", again.StructuredContent!.Value.GetProperty("kind").GetString());
        var status = McpHarness.Structured(await McpHarness.CallAsync(client, "task_status", $$"""{"task_id": "{{taskId}}"}"""));
        Assert.Equal("running", status.GetProperty("status").GetString());
        await McpHarness.CallAsync(client, "task_cancel", $$"""{"task_id": "{{taskId}}"}""");
    }

    [Fact]
    public async Task InteractionRespond_AnswersKeyedByQuestionNumber_PickTheOption()
    {
        await using var client = await harness.ConnectStdioAsync();
        var taskId = await QueueSleepAsync(client);
        var opened = await store.OpenOnRunningAsync(taskId, InteractionStoreClient.Question());

        var answered = await McpHarness.CallAsync(client, "interaction_respond", $$$"""{"interaction_id": "{{{opened.Id}}}", "decision": "answer", "answers": {"1": "2"}}""");

        Assert.False(answered.IsError == true, McpHarness.Text(answered));
        Assert.Equal("SQLite", (await store.Interactions.GetAsync(opened.Id))!.Response!.Answers["Which database?"]);
        await McpHarness.CallAsync(client, "task_cancel", $$"""{"task_id": "{{taskId}}"}""");
    }

    [Theory]
    [InlineData("""{"interaction_id": "nope", "decision": "approve"}""", "not an interaction id")]
    [InlineData("""{"interaction_id": "in_zzzzzzzzzzzz", "decision": "approve"}""", "no interaction with id")]
    [InlineData("""{"interaction_id": "in_zzzzzzzzzzzz", "decision": "maybe"}""", "'decision' must be one of approve, deny, answer")]
    [InlineData("""{"interaction_id": "in_zzzzzzzzzzzz"}""", "'decision' is required")]
    public async Task InteractionRespond_WithBadArguments_IsAnErrorResultSayingWhy(string arguments, string message)
    {
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "interaction_respond", arguments);

        Assert.True(result.IsError == true, McpHarness.Text(result));
        Assert.Contains(message, McpHarness.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskIntervene_PauseThenResume_HoldsAQueuedTaskAndQueuesItAgain()
    {
        await using var client = await harness.ConnectStdioAsync();
        var queued = await McpHarness.CallAsync(client, "task_async", """{"name": "later", "command": ["true"], "run_at": "2099-01-01T00:00:00Z"}""");
        var taskId = McpHarness.Structured(queued).GetProperty("task_id").GetString()!;

        var noMessage = await McpHarness.CallAsync(client, "task_intervene", $$"""{"task_id": "{{taskId}}", "action": "message"}""");
        var paused = await McpHarness.CallAsync(client, "task_intervene", $$"""{"task_id": "{{taskId}}", "action": "pause", "message": "not yet"}""");
        var pausedStatus = McpHarness.Structured(paused).GetProperty("status").GetString();
        var resumed = await McpHarness.CallAsync(client, "task_intervene", $$"""{"task_id": "{{taskId}}", "action": "resume"}""");

        Assert.True(noMessage.IsError == true, McpHarness.Text(noMessage));
        Assert.Contains("'message' is required for action message", McpHarness.Text(noMessage), StringComparison.Ordinal);
        Assert.False(paused.IsError == true, McpHarness.Text(paused));
        Assert.Equal("paused", pausedStatus);
        Assert.False(resumed.IsError == true, McpHarness.Text(resumed));
        Assert.Equal("pending", McpHarness.Structured(resumed).GetProperty("status").GetString());
    }

    private static async Task<string> QueueSleepAsync(ModelContextProtocol.Client.McpClient client)
    {
        var queued = await McpHarness.CallAsync(client, "task_async", """{"name": "waits", "command": ["sleep", "30"]}""");
        Assert.False(queued.IsError == true, McpHarness.Text(queued));
        return McpHarness.Structured(queued).GetProperty("task_id").GetString()!;
    }
}
