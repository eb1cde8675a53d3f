using System.Net;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>The seed's polling routes, logs, agents, health and the OpenAPI document.</summary>
public sealed class TaskOutputApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Status_OfRunningAndEndedTask_HasTheSeedsShape()
    {
        var id = await api.CreateAsync(api.Shell("echo working; sleep 2; echo done"));
        await Harness.Eventually.True(
            async () => (await api.GetJsonAsync($"/api/v1/tasks/{id}/status")).GetProperty("status").GetString() == "running",
            TimeSpan.FromSeconds(20),
            "the task to run");

        var running = await api.GetJsonAsync($"/api/v1/tasks/{id}/status");
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));
        var ended = await api.GetJsonAsync($"/api/v1/tasks/{id}/status");

        Assert.Equal(id, running.GetProperty("task_id").GetString());
        var progress = running.GetProperty("progress");
        foreach (var field in new[] { "percent", "current_step", "estimated_time_remaining" })
        {
            Assert.True(progress.TryGetProperty(field, out _), $"progress.{field} is missing: {running}");
        }

        foreach (var field in new[] { "created_at", "started_at", "estimated_completion", "attempts", "tokens", "cost_usd", "error" })
        {
            Assert.True(running.TryGetProperty(field, out _), $"{field} is missing: {running}");
        }

        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("started_at").ValueKind);
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal(100, ended.GetProperty("progress").GetProperty("percent").GetInt32());
        Assert.Equal(0, ended.GetProperty("progress").GetProperty("estimated_time_remaining").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, ended.GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public async Task Result_OfCompletedTask_HasTheSeedsShape_AndOfRunningTaskIs409()
    {
        var running = await api.CreateAsync(api.Shell("sleep 60"));
        var id = await api.CreateAsync(api.Shell("echo the-answer"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        var result = await api.GetJsonAsync($"/api/v1/tasks/{id}/result");
        using var notYet = await api.Http.GetAsync($"/api/v1/tasks/{running}/result");
        var problem = await ApiDaemon.ReadAsync(notYet);

        Assert.Equal(id, result.GetProperty("task_id").GetString());
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Equal("the-answer\n", result.GetProperty("result").GetString());
        Assert.Equal("stdout", result.GetProperty("result_type").GetString());
        Assert.Equal(0, result.GetProperty("exit_code").GetInt32());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("files_changed").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, result.GetProperty("completed_at").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Contains("has no result yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OfEachAttempt_AreItsOutputAsText()
    {
        var body = api.Shell("echo out-$BATON_ATTEMPT; echo err-$BATON_ATTEMPT >&2; [ $BATON_ATTEMPT -ge 2 ]");
        body["max_retries"] = 1;
        body["retry_backoff"] = "none";
        var id = await api.CreateAsync(body);
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        using var latest = await api.Http.GetAsync($"/api/v1/tasks/{id}/logs");
        var first = await api.Http.GetStringAsync($"/api/v1/tasks/{id}/logs?attempt=1");
        using var missing = await api.Http.GetAsync($"/api/v1/tasks/{id}/logs?attempt=3");

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal("text/plain", latest.Content.Headers.ContentType?.MediaType);
        var text = await latest.Content.ReadAsStringAsync();
        Assert.Contains("out-2", text, StringComparison.Ordinal);
        Assert.Contains("err-2", text, StringComparison.Ordinal);
        Assert.Contains("out-1", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Logs_OfAgentTask_AreATranscriptUnlessRaw()
    {
        // A stand-in for the claude CLI that replays real Claude Code output (the run's success or failure does not matter here).
        var capture = Path.Combine(Baton.AgentCli.Tests.Harness.RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");
        var fake = Path.Combine(api.Home.Work, "fake-claude");
        // It reads the prompt as the CLI does when Baton runs it interactively (initialize, then the stream-json user line).
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var agents = await ApiDaemon.StartAsync(workers: 1, new Dictionary<string, string> { ["claude_path"] = fake });
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["agent_instructions"] = "Run the tests",
            ["working_directory"] = agents.Home.Work,
            ["max_retries"] = 0,
        };
        var id = await agents.CreateAsync(body);
        await agents.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        var transcript = await agents.Http.GetStringAsync($"/api/v1/tasks/{id}/logs");
        var raw = await agents.Http.GetStringAsync($"/api/v1/tasks/{id}/logs?raw=true");

        Assert.Equal(File.ReadAllText(capture), raw);
        Assert.DoesNotContain("{\"type\":", transcript, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(transcript));
    }

    [Fact]
    public async Task Logs_OfTaskNotStarted_AreEmpty()
    {
        var body = api.Shell("true");
        body["run_at"] = "2099-01-01T00:00:00Z";
        var id = await api.CreateAsync(body);

        using var response = await api.Http.GetAsync($"/api/v1/tasks/{id}/logs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Agents_ListsTheDefinitionsOfTheGivenDirectory()
    {
        var agents = Directory.CreateDirectory(Path.Combine(api.Home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
        File.WriteAllText(Path.Combine(agents, "broken.md"), "---\nname: [unclosed\n---\n");

        var list = await api.GetJsonAsync($"/api/v1/agents?working_directory={Uri.EscapeDataString(api.Home.Work)}");
        using var relative = await api.Http.GetAsync("/api/v1/agents?working_directory=relative/dir");

        var reviewer = Assert.Single(list.GetProperty("agents").EnumerateArray(), a => a.GetProperty("name").GetString() == "reviewer");
        Assert.Equal("project", reviewer.GetProperty("source").GetString());
        Assert.Contains(list.GetProperty("problems").EnumerateArray(), p => p.GetProperty("file").GetString()!.EndsWith("broken.md", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, relative.StatusCode);
    }

    [Fact]
    public async Task Health_AnswersOkWithVersionAndWorkers()
    {
        var health = await api.GetJsonAsync("/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(4, health.GetProperty("workers").GetInt32());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
        Assert.True(health.GetProperty("uptime_seconds").GetInt64() >= 0);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryRouteWithANameAndSummary()
    {
        var document = await api.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/tasks", "/api/v1/tasks/{task_id}", "/api/v1/tasks/{task_id}/cancel", "/api/v1/tasks/{task_id}/retry",
            "/api/v1/tasks/{task_id}/logs", "/api/v1/tasks/{task_id}/result", "/api/v1/tasks/{task_id}/status",
            "/api/v1/workflows", "/api/v1/workflows/{workflow_id}", "/api/v1/workflows/{workflow_id}/phases",
            "/api/v1/workflows/{workflow_id}/tasks", "/api/v1/workflows/{workflow_id}/start", "/api/v1/workflows/{workflow_id}/cancel",
            "/api/v1/workflows/{workflow_id}/pause", "/api/v1/workflows/{workflow_id}/resume",
            "/api/v1/workflows/{workflow_id}/phases/{phase_id}/approve", "/api/v1/workflows/{workflow_id}/phases/{phase_id}/reject",
            "/api/v1/agents", "/health",
        ];

        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post"))
            {
                Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("operationId").GetString()), $"{operation.Name} {path} has no name");
                Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path} has no summary");
            }
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("TaskBody").GetProperty("properties").TryGetProperty("agent_instructions", out _), "the body schema is not snake_case");
    }
}
