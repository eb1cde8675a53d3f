using System.Net;
using System.Text.Json;
using Baton.Core.Shares;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;
using Baton.EndToEnd.Tests.Workflows;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Dashboard;

/// <summary>
/// Read-only share links against a real daemon that requires tokens: a link shows its task (or workflow) to anyone
/// who has it and nothing else; an altered link is 404, an expired or revoked one 410; making and revoking need
/// write scope.
/// </summary>
public sealed class ShareLinkTests : IAsyncLifetime
{
    private readonly BatonHome home = new();
    private HttpClient http = null!;
    private string admin = null!;
    private string taskId = null!;

    public async Task InitializeAsync()
    {
        home.RequireTokens();
        admin = await home.CreateTokenAsync("owner", "admin");
        await home.StartDaemonAsync(workers: 2);
        http = await home.BrowserClientAsync();
        taskId = await home.AddAsync("--name", "shared-build", "--", "sh", "-c", "echo '<script>alert(1)</script> built'");
        await home.WaitTerminalAsync(taskId, TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CliLink_WithoutCredential_ShowsTheTaskAndItsOutputAndThePage()
    {
        var url = await CreateAsync("--task", taskId);
        var token = url[(url.IndexOf("/share/", StringComparison.Ordinal) + "/share/".Length)..];

        using var page = await http.GetAsync(new Uri(url).PathAndQuery);
        using var shared = await http.GetAsync($"/api/v1/shared/{token}");
        using var body = JsonDocument.Parse(await shared.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var root = body.RootElement;
        Assert.Equal("task", root.GetProperty("share").GetProperty("target_kind").GetString());
        Assert.Equal(taskId, root.GetProperty("task").GetProperty("task_id").GetString());
        Assert.Equal("completed", root.GetProperty("task").GetProperty("status").GetString());
        Assert.Contains("<script>alert(1)</script> built", root.GetProperty("logs").GetString(), StringComparison.Ordinal);
        using var same = await http.GetAsync($"/api/v1/shared/{token}/tasks/{taskId}");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Link_OpensNothingElse_OtherTaskAndApi401Or404()
    {
        var other = await home.AddAsync("--name", "private", "--", "true");
        var url = await CreateAsync("--task", taskId);
        var token = url[(url.IndexOf("/share/", StringComparison.Ordinal) + 7)..];

        using var otherTask = await http.GetAsync($"/api/v1/shared/{token}/tasks/{other}");
        using var api = await http.GetAsync($"/api/v1/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.NotFound, otherTask.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Workflow_Link_ShowsTheWorkflowItsTasksAndOneOfThem()
    {
        var file = WorkflowHarness.WriteFile(home, "shared.yaml", """
            name: Shared
            phases:
              - id: only
                tasks:
                  - name: step
                    command: 'echo step-done'
            """);
        var workflowId = await WorkflowHarness.RunAsync(home, file);
        var workflow = await WorkflowHarness.WaitEndedAsync(home, workflowId, TimeSpan.FromSeconds(60));
        var stepId = WorkflowHarness.TaskNamed(workflow, "step").GetProperty("task_id").GetString();
        var url = await CreateAsync("--workflow", workflowId);
        var token = url[(url.IndexOf("/share/", StringComparison.Ordinal) + 7)..];

        using var shared = await http.GetAsync($"/api/v1/shared/{token}");
        using var body = JsonDocument.Parse(await shared.Content.ReadAsStringAsync());
        using var step = await http.GetAsync($"/api/v1/shared/{token}/tasks/{stepId}");
        using var stepBody = JsonDocument.Parse(await step.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("workflow", body.RootElement.GetProperty("share").GetProperty("target_kind").GetString());
        Assert.Equal(workflowId, body.RootElement.GetProperty("workflow").GetProperty("workflow_id").GetString());
        Assert.Equal(stepId, Assert.Single(body.RootElement.GetProperty("tasks").GetProperty("tasks").EnumerateArray()).GetProperty("task_id").GetString());
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("step-done", stepBody.RootElement.GetProperty("logs").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_410AndListSaysRevoked()
    {
        var url = await CreateAsync("--task", taskId);
        var token = url[(url.IndexOf("/share/", StringComparison.Ordinal) + 7)..];
        var id = token[..token.IndexOf('.', StringComparison.Ordinal)];

        var revoke = await home.RunAsync("share", "revoke", id, "--json");
        using var after = await http.GetAsync($"/api/v1/shared/{token}");
        var again = await home.RunAsync("share", "revoke", id);
        var list = await home.RunAsync("share", "list", "--json");

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
        Assert.Contains("revoked", (await after.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal("revoked", Assert.Single(list.Json.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Expired_410()
    {
        await CreateAsync("--task", taskId);
        // A link this store signed whose time is up, made as the daemon would have made it an hour ago.
        var expired = ShareTokens.Sign(await ShareKeyAsync(), ShareIds.New(), DateTimeOffset.UtcNow.AddMinutes(-1));

        using var response = await http.GetAsync($"/api/v1/shared/{expired}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_404WithoutEchoingIt()
    {
        var url = await CreateAsync("--task", taskId);
        var token = url[(url.IndexOf("/share/", StringComparison.Ordinal) + 7)..];
        var parts = token.Split('.');
        var longer = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86400}.{parts[2]}";

        foreach (var altered in new[] { longer, token[..^2], "garbage", $"{ShareIds.New()}.1.x" })
        {
            using var response = await http.GetAsync($"/api/v1/shared/{altered}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(parts[2], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rest_CreateListRevokeWithWriteToken()
    {
        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/shares", admin, $$"""{"task_id":"{{taskId}}","expires_in":"2h"}""");
        var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        using var list = await http.SendAsync(HttpMethod.Get, "/api/v1/shares", admin);
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        using var revoke = await http.SendAsync(HttpMethod.Post, $"/api/v1/shares/{id}/revoke", admin);
        using var again = await http.SendAsync(HttpMethod.Post, $"/api/v1/shares/{id}/revoke", admin);

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.StartsWith($"http://127.0.0.1:{http.BaseAddress!.Port}/share/{id}.", created.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("task", created.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal("token:owner", created.GetProperty("created_by").GetString());
        var expiresIn = created.GetProperty("expires_at").GetDateTimeOffset() - created.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(expiresIn, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(2), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(2));
        var entry = Assert.Single(listed.GetProperty("shares").EnumerateArray());
        Assert.Equal("active", entry.GetProperty("status").GetString());
        Assert.False(entry.TryGetProperty("url", out _));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"task_id":"abcdefabcdef","workflow_id":"abcdefabcdef"}""", 422)]
    [InlineData("""{}""", 422)]
    [InlineData("""{"task_id":"zzzzzzzzzzzz"}""", 404)]
    [InlineData("""{"task_id":"TASK","expires_in":"forever"}""", 422)]
    [InlineData("""{"task_id":"TASK","expires_in":"1000d"}""", 422)]
    [InlineData("""{"task":"TASK"}""", 400)]
    public async Task Rest_BadRequest_ClearProblem(string body, int status)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/api/v1/shares", admin, body.Replace("TASK", taskId, StringComparison.Ordinal));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotEmpty((await response.ProblemAsync()).GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Rest_ReadToken_403()
    {
        var reader = await home.CreateTokenAsync("reader", "read");

        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/shares", reader, $$"""{"task_id":"{{taskId}}"}""");
        using var list = await http.SendAsync(HttpMethod.Get, "/api/v1/shares", reader);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private async Task<string> CreateAsync(params string[] target)
    {
        var result = await home.RunAsync(["share", "create", .. target, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("url").GetString()!;
    }

    private async Task<byte[]> ShareKeyAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={home.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM signing_keys WHERE name = 'share'";
        return Convert.FromHexString((string)(await command.ExecuteScalarAsync())!);
    }
}
