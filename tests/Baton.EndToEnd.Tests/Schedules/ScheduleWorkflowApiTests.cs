using System.Net;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Schedules;

/// <summary>A schedule of a whole workflow over REST on a real daemon: the file's text in the body, checked at once, fired each second.</summary>
public sealed class ScheduleWorkflowApiTests : IAsyncLifetime
{
    private const string TwoPhases = """
        name: Tick
        phases:
          - id: first
            tasks:
              - name: one
                command: 'echo {{vars.word}}'
          - id: second
            depends_on: [first]
            tasks:
              - name: two
                command: [echo, two]
        """;

    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 2);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Create_WorkflowEverySecond_FiresWorkflowsThatCompleteAndHistoryNamesThem()
    {
        var body = new JsonObject
        {
            ["name"] = "tick",
            ["every"] = "1s",
            ["workflow"] = new JsonObject { ["source"] = TwoPhases, ["vars"] = new JsonObject { ["word"] = "hi" }, ["working_directory"] = api.Home.Work },
        };
        using (var created = await api.PostAsync("/api/v1/schedules", body))
        {
            var view = await ApiDaemon.ReadAsync(created);
            Assert.True(created.StatusCode == HttpStatusCode.Created, view.ToString());
            Assert.Equal("hi", view.GetProperty("spec").GetProperty("workflow").GetProperty("vars").GetProperty("word").GetString());
        }

        var workflowId = await Eventually.Until(
            async () => (await api.GetJsonAsync("/api/v1/schedules/tick/history")).GetProperty("occurrences").EnumerateArray()
                .Where(o => o.GetProperty("outcome").GetString() == "fired" && o.TryGetProperty("workflow_status", out var s) && s.GetString() == "completed")
                .Select(o => o.GetProperty("workflow_id").GetString())
                .FirstOrDefault(),
            TimeSpan.FromSeconds(60),
            "a fired occurrence whose workflow completed");

        var workflow = await api.GetJsonAsync($"/api/v1/workflows/{workflowId}");
        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        using var triggered = await api.PostAsync("/api/v1/schedules/tick/trigger", string.Empty);
        var occurrence = await ApiDaemon.ReadAsync(triggered);
        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        Assert.False(string.IsNullOrEmpty(occurrence.GetProperty("workflow_id").GetString()), occurrence.ToString());
    }

    [Fact]
    public async Task Create_BadWorkflowSource_Is422NamingTheProblem()
    {
        var body = new JsonObject
        {
            ["name"] = "bad",
            ["every"] = "1m",
            ["workflow"] = new JsonObject { ["source"] = "name: x\nphases: []\n", ["source_name"] = "bad.yaml", ["working_directory"] = api.Home.Work },
        };

        using var refused = await api.PostAsync("/api/v1/schedules", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("bad.yaml:2: the workflow has no phases", (await ApiDaemon.ReadAsync(refused)).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/schedules")).GetProperty("schedules").GetArrayLength());
    }
}
