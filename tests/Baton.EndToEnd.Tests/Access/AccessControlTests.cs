using System.Net;
using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>Access rules through real HTTP on loopback against the real daemon, with tokens made by the real CLI.</summary>
public sealed class AccessControlTests
{
    [Fact]
    public async Task RequireTokens_NoToken_Returns401ProblemWithBearerChallenge()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        await home.CreateTokenAsync("reader", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/tasks"), (HttpMethod.Post, "/api/v1/tasks"), (HttpMethod.Get, "/api/v1/workers"), (HttpMethod.Post, "/api/v1/workers/node/drain"), (HttpMethod.Get, "/api/v1/interactions"), (HttpMethod.Post, "/api/v1/interactions/in_abcdefabcdef/respond"), (HttpMethod.Post, "/api/v1/tasks/abcdefabcdef/pause"), (HttpMethod.Post, "/api/v1/workflows/abcdefabcdef/phases/build/approve"), (HttpMethod.Post, "/mcp"), (HttpMethod.Get, "/openapi/v1.json"), (HttpMethod.Get, "/api/v1/session"), (HttpMethod.Get, "/api/v1/shares"), (HttpMethod.Post, "/api/v1/shares"), (HttpMethod.Post, "/api/v1/shares/shr_abcdefabcdef/revoke"), (HttpMethod.Get, "/metrics") })
        {
            using var response = await http.SendAsync(method, path, json: method == HttpMethod.Post ? "{}" : null);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            var problem = await response.ProblemAsync();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RequireTokens_Health_StaysOpen()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var response = await http.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequireTokens_UnknownOrMalformedToken_Returns401WithoutEchoingIt()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var real = await home.CreateTokenAsync("writer", "write");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();
        // The real token with its last character changed: well-formed, unknown.
        var forged = real[..^1] + (real[^1] == 'a' ? 'b' : 'a');

        foreach (var presented in new[] { forged, "baton_short", "not-even-close" })
        {
            using var response = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", presented);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(presented, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadToken_GetAllowed_PostTasks403NamingWriteScope()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var reader = await home.CreateTokenAsync("reader", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var list = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", reader);
        using var metrics = await http.SendAsync(HttpMethod.Get, "/metrics", reader);
        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/tasks", reader, home.CommandTask("refused"));
        using var cancel = await http.SendAsync(HttpMethod.Post, "/api/v1/tasks/abcdefabcdef/cancel", reader);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        // Prometheus scrapes with a read token: the figures are read-only data like the task list.
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("baton_tasks", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var problem = await create.ProblemAsync();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("write", problem.GetProperty("required_scope").GetString());
        Assert.Contains("scope write", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("insufficient_scope", create.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        var tasks = await home.RunAsync("task", "list", "--json");
        Assert.Equal(0, tasks.Json.GetArrayLength());
    }

    [Fact]
    public async Task ReadToken_Mcp_PassesToTheMcpEndpoint()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var reader = await home.CreateTokenAsync("reader", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        http.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(HttpMethod.Post, "/mcp", reader, AccessSteps.McpInitialize);

        // MCP itself decides what a read token may do (its write tools refuse); access control lets it through.
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WriteToken_PostTask_CreatedByNamesTheToken()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var writer = await home.CreateTokenAsync("ci-bot", "write");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/tasks", writer, home.CommandTask("made-with-a-token"));

        Assert.True(create.StatusCode == HttpStatusCode.Created, $"{create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("task_id").GetString()!;
        var status = await home.StatusAsync(id);
        Assert.Equal("token:ci-bot", status.GetProperty("created_by").GetString());
        using var get = await http.SendAsync(HttpMethod.Get, $"/api/v1/tasks/{id}", writer);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task AdminToken_PostTask_Allowed()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var admin = await home.CreateTokenAsync("root", "admin");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/tasks", admin, home.CommandTask("made-by-admin"));

        Assert.True(create.StatusCode == HttpStatusCode.Created, $"{create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task RevokedToken_Returns401AtOnce()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var writer = await home.CreateTokenAsync("soon-gone", "write");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();
        using (var before = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", writer))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoke = await home.RunAsync("token", "revoke", "soon-gone");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using var after = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", writer);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_Default_OpenWithoutToken()
    {
        using var home = new BatonHome();
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var list = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks");
        using var create = await http.SendAsync(HttpMethod.Post, "/api/v1/tasks", json: home.CommandTask("open"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(create.StatusCode == HttpStatusCode.Created, $"{create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var status = await home.StatusAsync(created.RootElement.GetProperty("task_id").GetString()!);
        Assert.Equal("loopback", status.GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task TokenUse_RecordsLastUsed()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var reader = await home.CreateTokenAsync("reader", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        using var response = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await home.RunAsync("token", "list", "--json");
        var token = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal(JsonValueKind.String, token.GetProperty("last_used_at").ValueKind);
    }
}
