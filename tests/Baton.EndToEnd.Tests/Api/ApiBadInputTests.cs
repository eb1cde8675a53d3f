using System.Net;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>
/// Every class of bad input gets RFC 9457 problem details with the right status and a message naming the field —
/// never a 500 — and nothing is stored (so one daemon serves them all).
/// </summary>
public sealed class ApiBadInputTests(ApiDaemonFixture fixture) : IClassFixture<ApiDaemonFixture>
{
    private const string Cwd = "\"working_directory\": \"/tmp\"";
    private readonly ApiDaemon api = fixture.Api;

    [Theory]
    [InlineData("{\"command\": [\"true\"], ", 400, "the body is not valid JSON", null)]
    [InlineData("", 400, "the body is empty", null)]
    [InlineData("null", 400, "must be a JSON object", null)]
    [InlineData("[1, 2]", 400, "must be a JSON object", null)]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"timeout_seconds\": \"ten\"}", 400, "timeout_seconds must be an integer", "timeout_seconds")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"timeout_seconds\": 99999999999}", 400, "timeout_seconds must be an integer", "timeout_seconds")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"tags\": \"one\"}", 400, "tags must be an array of strings", "tags")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"tags\": [1]}", 400, "tags[0] must be a string", "tags[0]")]
    [InlineData("{\"command\": [\"true\", null], " + Cwd + "}", 400, "command[1] must be a string, not null", "command[1]")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"metadata\": {\"n\": 1}}", 400, "metadata.n must be a string", "metadata.n")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"run_at\": \"tomorrow\"}", 400, "run_at must be an ISO 8601 date and time", "run_at")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"nmae\": \"typo\"}", 400, "unknown property 'nmae'; the properties are: name,", "nmae")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"created_by\": \"someone-else\"}", 400, "created_by cannot be given", "created_by")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"name\": \"a\", \"name\": \"b\"}", 400, "appears more than once", "name")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"priority\": \"urgent\"}", 422, "priority 'urgent' is not one of critical, high, normal, low", null)]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"retry_backoff\": \"linear\"}", 422, "retry_backoff 'linear' is not one of exponential, fixed, none", null)]
    [InlineData("{\"command\": [\"true\"]}", 422, "working_directory is required", "working_directory")]
    [InlineData("{\"command\": [\"true\"], \"working_directory\": \"work\"}", 422, "must be an absolute path", "working_directory")]
    [InlineData("{\"command\": [\"true\"], \"working_directory\": \"/no/such/dir\"}", 422, "does not exist", null)]
    [InlineData("{" + Cwd + "}", 422, "say what to run", null)]
    [InlineData("{\"command\": [\"definitely-not-a-program-xyz\"], " + Cwd + "}", 422, "was not found on PATH", null)]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"webhook_url\": \"http://169.254.169.254/latest\"}", 422, "webhook_url: webhooks cannot be sent to", "webhook_url")]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"max_retries\": -1}", 422, "max retries must be between 0 and 100", null)]
    [InlineData("{\"agent_name\": \"nobody-here\", \"agent_instructions\": \"hi\", " + Cwd + "}", 404, "nobody-here", null)]
    [InlineData("{\"command\": [\"true\"], " + Cwd + ", \"depends_on\": [\"zzzzzzzzzzzz\"]}", 404, "depends_on names task 'zzzzzzzzzzzz'", null)]
    public async Task CreateTask_WithBadBody_AnswersProblemDetailsNamingTheField(string body, int status, string detail, string? field)
    {
        using var response = await api.PostAsync("/api/v1/tasks", body);

        await AssertProblemAsync(response, status, detail, field);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CreateTask_WithPromptOver256KiB_Is422()
    {
        var body = $"{{\"agent_instructions\": \"{new string('x', 300 * 1024)}\", {Cwd}}}";

        using var response = await api.PostAsync("/api/v1/tasks", body);

        await AssertProblemAsync(response, 422, "the prompt is 300 KiB; the limit is 256 KiB", null);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CreateTask_WithBodyOver1MiB_Is413()
    {
        var body = $"{{\"agent_instructions\": \"{new string('x', 1100 * 1024)}\", {Cwd}}}";

        using var response = await api.PostAsync("/api/v1/tasks", body);

        await AssertProblemAsync(response, 413, "larger than 1 MiB", null);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CreateTask_WithChunkedBodyOver1MiB_Is413()
    {
        var payload = System.Text.Encoding.UTF8.GetBytes($"{{\"agent_instructions\": \"{new string('x', 1100 * 1024)}\", {Cwd}}}");
        using var content = new StreamContent(new MemoryStream(payload));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Http.SendAsync(request);

        await AssertProblemAsync(response, 413, "larger than 1 MiB", null);
    }

    [Fact]
    public async Task CreateTask_WithFormBody_Is415()
    {
        using var response = await api.PostAsync("/api/v1/tasks", "command=true", "application/x-www-form-urlencoded");

        await AssertProblemAsync(response, 415, "Content-Type: application/json", null);
    }

    [Theory]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz", 404, "no task with id 'zzzzzzzzzzzz'", null)]
    [InlineData("/api/v1/tasks/not-an-id!", 404, "no task with id 'not-an-id!'", null)]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz/status", 404, "no task with id", null)]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz/result", 404, "no task with id", null)]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz/logs", 404, "no task with id", null)]
    [InlineData("/api/v1/tasks?cursor=garbage", 400, "cursor is not valid", "cursor")]
    [InlineData("/api/v1/tasks?cursor=dDE6enp6enp6enp6enp6", 400, "cursor names a task this daemon does not have", "cursor")]
    [InlineData("/api/v1/tasks?limit=ten", 400, "limit must be an integer", "limit")]
    [InlineData("/api/v1/tasks?limit=5000", 422, "limit must be between 1 and 1000", "limit")]
    [InlineData("/api/v1/tasks?limit=0", 422, "limit must be between 1 and 1000", "limit")]
    [InlineData("/api/v1/tasks?status=done", 422, "status 'done' is not one of pending, running", "status")]
    [InlineData("/api/v1/tasks?workflow_id=zzzzzzzzzzzz", 404, "no workflow with id", null)]
    [InlineData("/api/v1/workflows?status=finished", 422, "status 'finished' is not one of draft", "status")]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz", 404, "no workflow with id", null)]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz/tasks", 404, "no workflow with id", null)]
    [InlineData("/api/v1/nothing-here", 404, "there is no route GET /api/v1/nothing-here", null)]
    public async Task Get_WithBadIdOrQuery_AnswersProblemDetails(string path, int status, string detail, string? field)
    {
        using var response = await api.Http.GetAsync(path);

        await AssertProblemAsync(response, status, detail, field);
    }

    [Theory]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz/cancel", "", 404, "no task with id")]
    [InlineData("/api/v1/tasks/zzzzzzzzzzzz/retry", "", 404, "no task with id")]
    [InlineData("/api/v1/workflows", "{\"name\": \"\"}", 422, "name must not be empty")]
    [InlineData("/api/v1/workflows", "{\"name\": \"w\", \"failure_policy\": \"sometimes\"}", 422, "failure_policy 'sometimes' is not one of fail_fast, continue")]
    [InlineData("/api/v1/workflows", "{\"name\": \"w\", \"steps\": []}", 400, "unknown property 'steps'")]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz/phases", "{\"phase_id\": \"a\"}", 404, "no workflow with id")]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz/tasks", "{\"phase_id\": \"a\", \"command\": [\"true\"]}", 404, "no workflow with id")]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz/start", "", 404, "no workflow with id")]
    [InlineData("/api/v1/workflows/zzzzzzzzzzzz/cancel", "", 404, "no workflow with id")]
    public async Task Post_WithBadIdOrBody_AnswersProblemDetails(string path, string body, int status, string detail)
    {
        using var response = await api.PostAsync(path, body);

        await AssertProblemAsync(response, status, detail, null);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Delete_OnTasks_Is405()
    {
        using var response = await api.Http.DeleteAsync("/api/v1/tasks");

        await AssertProblemAsync(response, 405, "does not take DELETE", null);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string detail, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Baton.", text, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    private async Task AssertNothingStoredAsync()
    {
        var tasks = await api.GetJsonAsync("/api/v1/tasks");
        var workflows = await api.GetJsonAsync("/api/v1/workflows");
        Assert.Equal(0, tasks.GetProperty("tasks").GetArrayLength());
        Assert.Equal(0, workflows.GetProperty("workflows").GetArrayLength());
    }
}
