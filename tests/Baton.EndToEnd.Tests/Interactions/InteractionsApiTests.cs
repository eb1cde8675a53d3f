using System.Net;
using System.Text.Json;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// REST for people in the loop against a real daemon: an interaction opened on a running command task (as an agent's
/// ask opens one) is listed, read and answered over /api/v1/interactions, and every bad request gets problem details
/// naming what is wrong, never a 5xx.
/// </summary>
public sealed class InteractionsApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ApiDaemon api = null!;
    private InteractionStoreClient store = null!;

    public async Task InitializeAsync()
    {
        api = await ApiDaemon.StartAsync(workers: 4);
        store = await InteractionStoreClient.OpenAsync(api.Home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task Respond_ApproveAlways_StoresTheAnswerWithItsCallerAndTheTaskRunsAgain()
    {
        var (taskId, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());

        var listed = await api.GetJsonAsync("/api/v1/interactions");
        var item = Assert.Single(listed.GetProperty("interactions").EnumerateArray());
        Assert.Equal(opened.Id, item.GetProperty("interaction_id").GetString());
        Assert.Equal("tool_approval", item.GetProperty("kind").GetString());
        Assert.Equal("rm -rf build", item.GetProperty("input").GetProperty("command").GetString());
        Assert.Contains($"baton task approve {opened.Id}", item.GetProperty("answer_with").EnumerateArray().Select(c => c.GetString()));
        var task = await api.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal("input_required", task.GetProperty("status").GetString());
        Assert.Equal(opened.Id, task.GetProperty("open_interaction").GetProperty("interaction_id").GetString());

        using var response = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "approve", "remember": true, "message": "go ahead"}""");

        var body = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("answered", body.GetProperty("status").GetString());
        var stored = (await store.Interactions.GetAsync(opened.Id))!;
        Assert.Equal(InteractionStatus.Answered, stored.Status);
        Assert.Equal(InteractionDecision.Approve, stored.Response!.Decision);
        Assert.True(stored.Response.Remember);
        Assert.Equal("go ahead", stored.Response.Message);
        Assert.Equal("loopback", stored.Response.RespondedBy);
        Assert.Equal("running", (await api.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());
        var events = (await store.EventsOfAsync(taskId)).Select(e => e.Type).ToList();
        Assert.Contains(EventTypes.TaskInputRequired, events);
        Assert.Contains(EventTypes.InteractionAnswered, events);
        Assert.Empty((await api.GetJsonAsync("/api/v1/interactions")).GetProperty("interactions").EnumerateArray());
        Assert.Single((await api.GetJsonAsync($"/api/v1/interactions?status=answered&task_id={taskId}")).GetProperty("interactions").EnumerateArray());
    }

    [Fact]
    public async Task Respond_QuestionByOption_AnswersWithTheOptionsLabel()
    {
        var (_, opened) = await WaitingTaskAsync(InteractionStoreClient.Question());

        using var response = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "answer", "option": 2}""");

        var body = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("SQLite", (await store.Interactions.GetAsync(opened.Id))!.Response!.Answers["Which database?"]);
    }

    [Fact]
    public async Task Respond_Twice_IsConflictAndKeepsTheFirstAnswer()
    {
        var (_, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());
        using var first = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "deny", "message": "no"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "approve"}""");

        await AssertProblemAsync(second, 409, "answered");
        Assert.Equal(InteractionDecision.Deny, (await store.Interactions.GetAsync(opened.Id))!.Response!.Decision);
    }

    [Fact]
    public async Task Respond_ToAWithdrawnInteraction_IsConflict()
    {
        var (_, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());
        Assert.True(await store.Interactions.WithdrawAsync(opened.Id, "the agent took it back", TimeProvider.System.GetUtcNow()));

        using var response = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "approve"}""");

        await AssertProblemAsync(response, 409, "withdrawn");
    }

    [Theory]
    [InlineData("""{"decision": "answer", "message": "yes"}""", 422, "takes approve or deny")]
    [InlineData("""{"message": "yes"}""", 422, "decision is required")]
    [InlineData("""{"decision": "maybe"}""", 422, "decision 'maybe' is not one of approve, deny, answer")]
    [InlineData("""{"decision": "approve", "answers": {"a": "b"}}""", 422, "answers and options are for questions")]
    [InlineData("""{"decision": "approve", "option": 1}""", 422, "answers and options are for questions")]
    [InlineData("""{"decision": "approve", "desicion": "x"}""", 400, "desicion")]
    [InlineData("""{"decision": 1}""", 400, "decision")]
    [InlineData("not json", 400, "not valid JSON")]
    public async Task Respond_WithABadBody_IsRefusedAndTheInteractionStaysOpen(string json, int status, string detail)
    {
        var (taskId, opened) = await WaitingTaskAsync(InteractionStoreClient.Approval());

        using var response = await api.PostAsync($"/api/v1/interactions/{opened.Id}/respond", json);

        await AssertProblemAsync(response, status, detail);
        Assert.Equal(InteractionStatus.Open, (await store.Interactions.GetAsync(opened.Id))!.Status);
        Assert.Equal("input_required", (await api.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/interactions/in_zzzzzzzzzzzz", null, 404, "no interaction with id 'in_zzzzzzzzzzzz'")]
    [InlineData("GET", "/api/v1/interactions/nonsense", null, 404, "no interaction with id 'nonsense'")]
    [InlineData("POST", "/api/v1/interactions/in_zzzzzzzzzzzz/respond", """{"decision": "approve"}""", 404, "no interaction with id")]
    [InlineData("GET", "/api/v1/interactions?status=closed", null, 422, "status 'closed' is not one of open, answered, withdrawn, expired, all")]
    [InlineData("GET", "/api/v1/interactions?limit=0", null, 422, "limit must be between 1 and 1000")]
    [InlineData("GET", "/api/v1/interactions?task_id=zzzzzzzzzzzz", null, 404, "no task with id")]
    [InlineData("POST", "/api/v1/tasks/zzzzzzzzzzzz/pause", null, 404, "no task with id")]
    [InlineData("POST", "/api/v1/tasks/zzzzzzzzzzzz/resume", null, 404, "no task with id")]
    [InlineData("POST", "/api/v1/tasks/zzzzzzzzzzzz/priority", """{"priority": "high"}""", 404, "no task with id")]
    [InlineData("POST", "/api/v1/tasks/zzzzzzzzzzzz/intervene", """{"message": "hi"}""", 404, "no task with id")]
    public async Task Route_WithAnUnknownIdOrBadQuery_AnswersProblemDetails(string method, string path, string? json, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);

        await AssertProblemAsync(response, status, detail);
    }

    [Fact]
    public async Task PauseAndPriorityAndResume_OnAQueuedTask_HoldItReorderItAndQueueItAgain()
    {
        var body = api.Shell("exit 0", "later");
        body["run_at"] = TimeProvider.System.GetUtcNow().AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var taskId = await api.CreateAsync(body);

        using var paused = await api.PostAsync($"/api/v1/tasks/{taskId}/pause", """{"reason": "not today"}""");
        var pausedView = await ApiDaemon.ReadAsync(paused);
        Assert.True(paused.StatusCode == HttpStatusCode.OK, pausedView.ToString());
        Assert.Equal("paused", pausedView.GetProperty("status").GetString());

        using var priority = await api.PostAsync($"/api/v1/tasks/{taskId}/priority", """{"priority": "critical"}""");
        Assert.True(priority.StatusCode == HttpStatusCode.OK, (await ApiDaemon.ReadAsync(priority)).ToString());
        Assert.Equal("critical", (await api.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("priority").GetString());

        using var resumed = await api.Http.PostAsync($"/api/v1/tasks/{taskId}/resume", content: null);
        var resumedView = await ApiDaemon.ReadAsync(resumed);
        Assert.True(resumed.StatusCode == HttpStatusCode.OK, resumedView.ToString());
        Assert.Equal("pending", resumedView.GetProperty("status").GetString());
        Assert.Contains(EventTypes.TaskPaused, (await store.EventsOfAsync(taskId)).Select(e => e.Type));
    }

    [Theory]
    [InlineData("priority", """{"priority": "urgent"}""", 422, "priority 'urgent' is not one of critical, high, normal, low")]
    [InlineData("priority", """{}""", 422, "priority is required")]
    [InlineData("intervene", """{}""", 422, "message is required")]
    [InlineData("intervene", """{"message": "  "}""", 422, "message is empty")]
    [InlineData("pause", """{"why": "x"}""", 400, "why")]
    [InlineData("resume", """{"message": 5}""", 400, "message")]
    public async Task TaskControl_WithABadBody_IsRefused(string route, string json, int status, string detail)
    {
        var taskId = await api.CreateAsync(api.Shell("sleep 30"));

        using var response = await api.PostAsync($"/api/v1/tasks/{taskId}/{route}", json);

        await AssertProblemAsync(response, status, detail);
        await api.PostAsync($"/api/v1/tasks/{taskId}/cancel", "{}");
    }

    [Fact]
    public async Task Priority_OfARunningTask_IsConflict()
    {
        var taskId = await api.CreateAsync(api.Shell("sleep 30"));
        await Eventually.True(async () => (await api.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString() == "running", Deadline, "the task to run");

        using var response = await api.PostAsync($"/api/v1/tasks/{taskId}/priority", """{"priority": "high"}""");

        await AssertProblemAsync(response, 409, "running");
        await api.PostAsync($"/api/v1/tasks/{taskId}/cancel", "{}");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheInteractionAndTaskControlRoutesWithTheirBodies()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await api.Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        foreach (var path in new[] { "/api/v1/interactions", "/api/v1/interactions/{interaction_id}", "/api/v1/interactions/{interaction_id}/respond",
            "/api/v1/tasks/{task_id}/intervene", "/api/v1/tasks/{task_id}/pause", "/api/v1/tasks/{task_id}/resume", "/api/v1/tasks/{task_id}/priority" })
        {
            Assert.True(paths.ContainsKey(path), $"the OpenAPI document has no {path}");
        }

        var respond = document["components"]!["schemas"]!["RespondBody"]!["properties"]!.AsObject();
        Assert.Equal(["decision", "message", "answers", "option", "remember"], respond.Select(p => p.Key));
        Assert.True(document["components"]!["schemas"]!["InteractionView"]!["properties"]!.AsObject().ContainsKey("answer_with"));
    }

    private async Task<(string TaskId, InteractionRecord Opened)> WaitingTaskAsync(InteractionAsk ask)
    {
        var taskId = await api.CreateAsync(api.Shell("sleep 30"));
        return (taskId, await store.OpenOnRunningAsync(taskId, ask));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
