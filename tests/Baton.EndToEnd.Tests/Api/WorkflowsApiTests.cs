using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>Workflows built and run step by step over REST.</summary>
public sealed class WorkflowsApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task CreatePhasesTasksStart_RunsToCompletionWithUpstreamResults()
    {
        using var create = await api.PostAsync("/api/v1/workflows", new JsonObject { ["name"] = "feature", ["description"] = "design then build" });
        var created = await ApiDaemon.ReadAsync(create);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = created.GetProperty("workflow_id").GetString()!;
        Assert.Equal("draft", created.GetProperty("status").GetString());

        await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "design" });
        var phase = await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases",
            new JsonObject { ["phase_id"] = "build", ["name"] = "Build it", ["depends_on"] = new JsonArray("design") });
        Assert.Equal("Build it", phase.GetProperty("name").GetString());
        var design = await AddTaskAsync(id, "design", "echo the-design");
        var backend = await AddTaskAsync(id, "build", "echo backend; printenv BATON_UPSTREAM");
        var frontend = await AddTaskAsync(id, "build", "echo frontend");

        var started = await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/start", new JsonObject());
        Assert.Equal("running", started.GetProperty("status").GetString());
        JsonElement workflow = default;
        await Eventually.True(
            async () => (workflow = await api.GetJsonAsync($"/api/v1/workflows/{id}")).GetProperty("status").GetString() is "completed" or "failed" or "cancelled",
            TimeSpan.FromSeconds(60),
            "the workflow to end");

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        Assert.Equal(["design", "build"], workflow.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase_id").GetString()));
        Assert.Equal(100, workflow.GetProperty("progress").GetProperty("percent").GetInt32());
        Assert.Equal("loopback", workflow.GetProperty("created_by").GetString());
        var backendTask = await api.GetJsonAsync($"/api/v1/tasks/{backend}");
        Assert.Contains("the-design", backendTask.GetProperty("result").GetString(), StringComparison.Ordinal);

        var tasks = await api.GetJsonAsync($"/api/v1/workflows/{id}/tasks");
        Assert.Equal(id, tasks.GetProperty("workflow_id").GetString());
        Assert.Equal([design, backend, frontend], tasks.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.All(tasks.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));

        var listed = await api.GetJsonAsync($"/api/v1/tasks?workflow_id={id}");
        Assert.Equal(3, listed.GetProperty("tasks").GetArrayLength());
        var cli = await api.Home.RunAsync("workflow", "status", id, "--json");
        Assert.Equal("completed", cli.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StartTwice_Is409_AndAddPhaseAfterStartIs409()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, "/api/v1/workflows", new JsonObject { ["name"] = "twice" })).GetProperty("workflow_id").GetString()!;
        await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "only" });
        await AddTaskAsync(id, "only", "true");
        await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/start", new JsonObject());

        var again = await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/start", new JsonObject());
        var phase = await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "late" });

        Assert.Contains("was started already", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("was started already", phase.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadGraph_IsRefusedWithTheProblem()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, "/api/v1/workflows", new JsonObject { ["name"] = "graph" })).GetProperty("workflow_id").GetString()!;
        var unknownPhase = await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"/api/v1/workflows/{id}/phases",
            new JsonObject { ["phase_id"] = "b", ["depends_on"] = new JsonArray("nope") });
        var noPhaseId = await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"/api/v1/workflows/{id}/phases", new JsonObject { ["name"] = "x" });
        await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "empty" });
        var emptyStart = await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"/api/v1/workflows/{id}/start", new JsonObject());
        var noPhase = await ExpectAsync(HttpStatusCode.NotFound, $"/api/v1/workflows/{id}/tasks", Shell("true", "missing"));

        Assert.Contains("nope", unknownPhase.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("phase_id", noPhaseId.GetProperty("field").GetString());
        Assert.Contains("empty", emptyStart.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("has no phase 'missing'", noPhase.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAndList_ShowTheCancelledWorkflow()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, "/api/v1/workflows", new JsonObject { ["name"] = "to-cancel", ["failure_policy"] = "continue" })).GetProperty("workflow_id").GetString()!;
        await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "slow" });
        var task = await AddTaskAsync(id, "slow", "sleep 60");
        await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/start", new JsonObject());

        var cancelled = await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/cancel", new JsonObject());
        await api.WaitEndedAsync(task, TimeSpan.FromSeconds(30));
        var list = await api.GetJsonAsync("/api/v1/workflows?status=cancelled");
        var again = await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/cancel", new JsonObject());

        Assert.Equal("continue", cancelled.GetProperty("failure_policy").GetString());
        Assert.Equal([id], list.GetProperty("workflows").EnumerateArray().Select(w => w.GetProperty("workflow_id").GetString()));
        Assert.Contains("already ended", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private JsonObject Shell(string script, string phase)
    {
        var body = api.Shell(script);
        body["phase_id"] = phase;
        return body;
    }

    [Fact]
    public async Task AddTask_WithWebhookUrl_Refused422NamingTheFieldAndNothingAdded()
    {
        using var create = await api.PostAsync("/api/v1/workflows", new JsonObject { ["name"] = "hooked" });
        var id = (await ApiDaemon.ReadAsync(create)).GetProperty("workflow_id").GetString()!;
        await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "only" });
        var body = Shell("true", "only");
        body["webhook_url"] = "https://hooks.example.com/baton";

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"/api/v1/workflows/{id}/tasks", body);
        var tasks = await api.GetJsonAsync($"/api/v1/workflows/{id}/tasks");

        Assert.Contains("webhook_url is taken by POST /api/v1/tasks and POST /api/v1/workflows only", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, tasks.GetProperty("tasks").GetArrayLength());
    }

    private async Task<string> AddTaskAsync(string workflowId, string phase, string script) =>
        (await ExpectAsync(HttpStatusCode.Created, $"/api/v1/workflows/{workflowId}/tasks", Shell(script, phase))).GetProperty("task_id").GetString()!;

    private async Task<JsonElement> ExpectAsync(HttpStatusCode status, string path, JsonNode body)
    {
        using var response = await api.PostAsync(path, body);
        var json = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == status, $"POST {path}: expected {(int)status}, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
