using System.Net;
using System.Text.Json;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Events;

/// <summary>GET /api/v1/events against a real daemon: order, ids, filters, resuming, and refused parameters.</summary>
public sealed class EventsApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Stream_TaskRuns_CreatedStartedCompletedInOrderWithIds()
    {
        using var stream = await EventStreamClient.OpenAsync(api);
        var id = await api.CreateAsync(api.Shell("echo hi"));

        var events = new List<SseMessage>();
        while (events.Count == 0 || events[^1].Type != "task.completed")
        {
            events.Add(await stream.Reader.NextEventAsync(Deadline));
        }

        Assert.Equal(["task.created", "task.started", "task.completed"], events.Select(e => e.Type));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        foreach (var e in events)
        {
            using var data = JsonDocument.Parse(e.Data!);
            Assert.Equal(e.Id, data.RootElement.GetProperty("id").GetInt64());
            Assert.Equal(e.Type, data.RootElement.GetProperty("type").GetString());
            Assert.Equal(id, data.RootElement.GetProperty("task_id").GetString());
        }

        using var completed = JsonDocument.Parse(events[^1].Data!);
        Assert.Equal("completed", completed.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, completed.RootElement.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Stream_FilteredByTaskAndType_OnlyMatchingEvents()
    {
        var other = await api.CreateAsync(api.Shell("echo other"));
        var wanted = await api.CreateAsync(api.Shell("echo wanted"));
        await api.WaitEndedAsync(other, Deadline);
        await api.WaitEndedAsync(wanted, Deadline);

        using var byTask = await EventStreamClient.OpenAsync(api, $"?after=0&task_id={wanted}&type=task.started,task.completed");
        using var byFamily = await EventStreamClient.OpenAsync(api, "?after=0&type=task.*");
        var first = await byTask.Reader.NextEventAsync(Deadline);
        var second = await byTask.Reader.NextEventAsync(Deadline);
        var family = new List<SseMessage>();
        for (var i = 0; i < 6; i++)
        {
            family.Add(await byFamily.Reader.NextEventAsync(Deadline));
        }

        Assert.Equal(("task.started", "task.completed"), (first.Type, second.Type));
        Assert.All([first, second], e => Assert.Contains(wanted, e.Data!, StringComparison.Ordinal));
        Assert.All(family, e => Assert.StartsWith("task.", e.Type, StringComparison.Ordinal));
        Assert.Equal(3, family.Count(e => e.Data!.Contains(other, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stream_ResumedWithLastEventIdAfterDrop_UnionIsTheWholeLogWithoutGapOrRepeat()
    {
        const int Tasks = 8;
        var ids = new List<long>();
        var completed = 0;
        using (var first = await EventStreamClient.OpenAsync(api, "?after=0"))
        {
            for (var i = 0; i < Tasks; i++)
            {
                await api.CreateAsync(api.Shell("sleep 0.2; echo done"));
            }

            // Drop the connection mid-stream while the tasks still run.
            for (var i = 0; i < 5; i++)
            {
                var e = await first.Reader.NextEventAsync(Deadline);
                ids.Add(e.Id!.Value);
                completed += e.Type == "task.completed" ? 1 : 0;
            }
        }

        using (var second = await EventStreamClient.OpenAsync(api, "?after=0", lastEventId: ids[^1]))
        {
            while (completed < Tasks)
            {
                var e = await second.Reader.NextEventAsync(Deadline);
                ids.Add(e.Id!.Value);
                completed += e.Type == "task.completed" ? 1 : 0;
            }
        }

        // The log is unpruned and ids are never skipped: it is exactly 1..N, and the two connections gave each once.
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
        Assert.Equal(Tasks * 3, ids.Count);
    }

    [Theory]
    [InlineData("?type=task.bogus", HttpStatusCode.UnprocessableEntity, "type")]
    [InlineData("?type=nope.*", HttpStatusCode.UnprocessableEntity, "type")]
    [InlineData("?after=-1", HttpStatusCode.BadRequest, "after")]
    [InlineData("?after=ten", HttpStatusCode.BadRequest, "after")]
    [InlineData("?task_id=not!an!id", HttpStatusCode.UnprocessableEntity, "task_id")]
    [InlineData("?workflow_id=x", HttpStatusCode.UnprocessableEntity, "workflow_id")]
    public async Task Stream_BadParameter_ProblemDetailsNamingIt(string query, HttpStatusCode status, string field)
    {
        using var response = await api.Http.GetAsync("/api/v1/events" + query);
        var problem = await ApiDaemon.ReadAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_BadLastEventIdHeader_400NamingIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Add("Last-Event-ID", "abc");
        using var response = await api.Http.SendAsync(request);
        var problem = await ApiDaemon.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Last-Event-ID", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task OpenApi_ListsTheEventsRoute()
    {
        var document = await api.GetJsonAsync("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/events", out var path), "the events route is not in the OpenAPI document");
        Assert.True(path.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
    }
}
