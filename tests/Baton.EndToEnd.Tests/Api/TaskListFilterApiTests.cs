using System.Net;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>The task list filters over real HTTP: several statuses, owner, agent, time window, name search, with paging.</summary>
public sealed class TaskListFilterApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 1);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task List_EachFilter_ReturnsOnlyMatchingTasksNewestFirst()
    {
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "Deploy web", "lint", "deploy api", "test", "item one", "item two", "item three" })
        {
            var body = api.Shell("true", name);
            body["run_at"] = "2099-01-01T00:00:00Z";
            ids[name] = await api.CreateAsync(body);
        }

        await api.PostAsync($"/api/v1/tasks/{ids["lint"]}/cancel", string.Empty);
        await api.PostAsync($"/api/v1/tasks/{ids["test"]}/cancel", string.Empty);

        Assert.Equal([ids["deploy api"], ids["Deploy web"]], await IdsAsync("q=DEPLOY"));
        Assert.Equal([ids["test"], ids["lint"]], await IdsAsync("status=cancelled,failed"));
        Assert.Equal(7, (await IdsAsync("status=pending,cancelled")).Count);
        Assert.Equal(7, (await IdsAsync("owner=loopback")).Count);
        Assert.Empty(await IdsAsync("owner=token:ci"));
        Assert.Empty(await IdsAsync("agent=reviewer"));
        Assert.Equal(7, (await IdsAsync("since=1h")).Count);
        Assert.Empty(await IdsAsync("until=1h"));
        Assert.Empty(await IdsAsync("since=2099-01-01T00:00:00Z"));
        Assert.Equal([ids["item two"], ids["item one"]], await IdsAsync("q=item&status=pending&since=1d&until=2099-01-01&limit=2&cursor=" + await CursorAfterFirstAsync("q=item&limit=1")));
    }

    [Fact]
    public async Task List_FilteredPages_ReturnEachMatchOnce()
    {
        var expected = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var body = api.Shell("true", i % 3 == 0 ? $"nightly {i}" : $"other {i}");
            body["run_at"] = "2099-01-01T00:00:00Z";
            var id = await api.CreateAsync(body);
            if (i % 3 == 0)
            {
                expected.Insert(0, id);
            }
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync("/api/v1/tasks?q=NIGHTLY&limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task OpenApi_NewRoutesAndFilters_AreDescribed()
    {
        var document = await api.Http.GetStringAsync("/openapi/v1.json");

        foreach (var name in new[] { "GetTaskTranscript", "GetTaskChanges", "ContinueTask", "GetAgentStats", "ListWebhooks", "ListWebhookDeliveries", "RedeliverWebhookDelivery" })
        {
            Assert.Contains($"\"operationId\": \"{name}\"", document, StringComparison.Ordinal);
        }

        var list = JsonDocument.Parse(document).RootElement.GetProperty("paths").GetProperty("/api/v1/tasks").GetProperty("get");
        Assert.Superset(
            new HashSet<string?> { "status", "agent", "owner", "since", "until", "q", "cursor" },
            list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet());
    }

    [Theory]
    [InlineData("since=yesterday", 400, "since 'yesterday' is not a time: give an ISO-8601 time", "since")]
    [InlineData("until=soon", 400, "until 'soon' is not a time", "until")]
    [InlineData("since=1h&until=2h", 400, "until (", "until")]
    [InlineData("q=", 400, "q is empty", "q")]
    [InlineData("agent=%20", 400, "agent is empty", "agent")]
    [InlineData("status=failed,done", 422, "status 'done' is not one of pending, running", "status")]
    public async Task List_BadFilter_ProblemNamingTheFilterAndWhatItTakes(string query, int status, string detail, string field)
    {
        using var response = await api.Http.GetAsync($"/api/v1/tasks?{query}");
        var problem = await ApiDaemon.ReadAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var page = await api.GetJsonAsync($"/api/v1/tasks?{query}");
        return [.. page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!)];
    }

    private async Task<string> CursorAfterFirstAsync(string query) =>
        (await api.GetJsonAsync($"/api/v1/tasks?{query}")).GetProperty("next_cursor").GetString()!;
}
