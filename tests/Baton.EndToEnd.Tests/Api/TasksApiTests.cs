using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>The task routes over real HTTP on loopback against a real daemon.</summary>
public sealed class TasksApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Create_CommandTask_Returns201WithIdAndRunsIt()
    {
        var body = api.Shell("echo hello-rest", "greet");
        body["tags"] = new JsonArray("rest", "e2e");
        body["metadata"] = new JsonObject { ["ticket"] = "B-5" };
        body["priority"] = "high";
        body["max_retries"] = 0;

        using var response = await api.PostAsync("/api/v1/tasks", body);
        var created = await ApiDaemon.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = created.GetProperty("task_id").GetString()!;
        Assert.Equal($"/api/v1/tasks/{id}", response.Headers.Location?.ToString());
        Assert.True(created.GetProperty("created").GetBoolean());
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Contains(id, created.GetProperty("message").GetString(), StringComparison.Ordinal);

        var task = await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("completed", task.GetProperty("status").GetString());
        Assert.Equal("hello-rest\n", task.GetProperty("result").GetString());
        Assert.Equal("greet", task.GetProperty("name").GetString());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        Assert.Equal(["rest", "e2e"], task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("B-5", task.GetProperty("metadata").GetProperty("ticket").GetString());
        Assert.Equal("loopback", task.GetProperty("created_by").GetString());
        Assert.Equal(1, task.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Get_TaskCreatedOverRest_HasTheSameFieldsAsTheCli()
    {
        var id = await api.CreateAsync(api.Shell("echo same"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        var rest = await api.GetJsonAsync($"/api/v1/tasks/{id}");
        var cli = await api.Home.StatusAsync(id);

        Assert.Equal(Canonical(cli), Canonical(rest));
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyTwice_Returns200WithTheFirstTask()
    {
        var body = api.Shell("true");
        body["idempotency_key"] = "deploy-42";
        var first = await api.CreateAsync(body);

        using var again = await api.PostAsync("/api/v1/tasks", body.DeepClone());
        var json = await ApiDaemon.ReadAsync(again);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, json.GetProperty("task_id").GetString());
        Assert.False(json.GetProperty("created").GetBoolean());
    }

    [Fact]
    public async Task List_120TasksInPagesOf50_ReturnsEachOnceNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var body = api.Shell("true", $"page-{i}");
            body["run_at"] = "2099-01-01T00:00:00Z";
            body["tags"] = new JsonArray("paged");
            ids.Add(await api.CreateAsync(body));
        }

        var seen = new List<string>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"/api/v1/tasks?tag=paged&limit=50{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            var tasks = page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToList();
            seen.AddRange(tasks);
            pages.Add(tasks.Count);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([50, 50, 20], pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task List_WithFilters_ReturnsOnlyMatchingTasks()
    {
        var waiting = api.Shell("true");
        waiting["run_at"] = "2099-01-01T00:00:00Z";
        waiting["tags"] = new JsonArray("later");
        var later = await api.CreateAsync(waiting);
        var done = await api.CreateAsync(api.Shell("true"));
        await api.WaitEndedAsync(done, TimeSpan.FromSeconds(30));

        var pending = await api.GetJsonAsync("/api/v1/tasks?status=pending");
        var tagged = await api.GetJsonAsync("/api/v1/tasks?tag=later");
        var completed = await api.GetJsonAsync("/api/v1/tasks?status=completed&limit=1");

        Assert.Equal([later], Ids(pending));
        Assert.Equal([later], Ids(tagged));
        Assert.Equal([done], Ids(completed));
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task CancelAndRetry_WaitingTask_MoveItThroughItsStates()
    {
        var body = api.Shell("echo again");
        body["run_at"] = "2099-01-01T00:00:00Z";
        var id = await api.CreateAsync(body);

        using var cancel = await api.PostAsync($"/api/v1/tasks/{id}/cancel", "");
        var cancelled = await ApiDaemon.ReadAsync(cancel);
        using var cancelAgain = await api.PostAsync($"/api/v1/tasks/{id}/cancel", "");
        using var retry = await api.PostAsync($"/api/v1/tasks/{id}/retry", "");
        var retried = await ApiDaemon.ReadAsync(retry);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("pending", retried.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_RunningTask_Returns202AndStopsIt()
    {
        var id = await api.CreateAsync(api.Shell("echo started; sleep 60"));
        await Harness.Eventually.True(
            async () => (await api.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("status").GetString() == "running",
            TimeSpan.FromSeconds(20),
            "the task to run");

        using var cancel = await api.PostAsync($"/api/v1/tasks/{id}/cancel", "");
        var view = await ApiDaemon.ReadAsync(cancel);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True(view.GetProperty("cancel_requested").GetBoolean());
        Assert.Equal("cancelled", (await api.WaitEndedAsync(id, TimeSpan.FromSeconds(20))).GetProperty("status").GetString());
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!)];

    /// <summary>The JSON with properties in a fixed order and no formatting, for comparing two outputs.</summary>
    private static string Canonical(JsonElement element) => JsonSerializer.Serialize(Sort(JsonNode.Parse(element.GetRawText())));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(x => Sort(x?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
