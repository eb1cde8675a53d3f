using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>The official SDK's client, and raw HTTP, against the daemon's Streamable HTTP endpoint at /mcp.</summary>
public sealed class McpHttpTests : IAsyncLifetime
{
    private readonly McpHarness harness = new();
    private readonly HttpClient http = new();
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync() => daemon = await harness.StartDaemonAsync();

    public Task DisposeAsync()
    {
        http.Dispose();
        daemon.Dispose();
        harness.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2025-03-26")]
    public async Task TaskAsync_OverHttp_InEachProtocolVersion_QueuesATaskTheDaemonCompletes(string? protocolVersion)
    {
        await using var client = await harness.ConnectHttpAsync(protocolVersion);

        var tools = await client.ListToolsAsync();
        var id = await harness.QueueAsync(client, withDirectory: true);
        var ended = await McpHarness.WaitEndedAsync(client, id);

        Assert.Equal(protocolVersion ?? "2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Equal(17, tools.Count);
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal("loopback", ended.GetProperty("created_by").GetString());
        Assert.Equal(harness.Project, ended.GetProperty("working_directory").GetString());
    }

    [Fact]
    public async Task TaskAsync_OverHttpWithoutAnAbsoluteWorkingDirectory_IsAToolErrorNamingIt()
    {
        await using var client = await harness.ConnectHttpAsync("2025-11-25");

        var missing = await McpHarness.CallAsync(client, "task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p"}""");
        var relative = await McpHarness.CallAsync(client, "task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "working_directory": "src"}""");

        Assert.True(missing.IsError);
        Assert.Contains("'working_directory' must be given as an absolute path over HTTP", McpHarness.Text(missing), StringComparison.Ordinal);
        Assert.True(relative.IsError);
    }

    [Fact]
    public async Task Session_FromInitializeToDelete_FollowsTheStreamableHttpRules()
    {
        var endpoint = harness.McpEndpoint();
        using var initialize = await PostAsync(Initialize("2025-06-18"));
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        var initialized = await ReadEventsAsync(initialize);

        using var list = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", sessionId, "2025-06-18");
        using var notification = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", sessionId, "2025-06-18");
        using var otherVersion = await PostAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/list"}""", sessionId, "2025-03-26");
        using var unknownVersion = await PostAsync(Initialize("2025-06-18"), protocolVersion: "1999-01-01");
        using var noSession = await PostAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/list"}""");
        using var badSession = await PostAsync("""{"jsonrpc":"2.0","id":5,"method":"tools/list"}""", "no-such-session");
        using var notAcceptable = await SendAsync(HttpMethod.Post, Initialize("2025-06-18"), accept: "application/json");
        using var notJson = await SendAsync(HttpMethod.Post, Initialize("2025-06-18"), contentType: "text/plain");
        using var tooLarge = await PostAsync($$$"""{"jsonrpc":"2.0","id":6,"method":"ping","params":{"pad":"{{{new string('x', 1100 * 1024)}}}"}}""", sessionId);
        using var getWithout = await SendAsync(HttpMethod.Get, null, accept: "text/event-stream");
        using var delete = await SendAsync(HttpMethod.Delete, null, sessionId: sessionId);
        using var afterDelete = await PostAsync("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""", sessionId);
        using var deleteAgain = await SendAsync(HttpMethod.Delete, null, sessionId: sessionId);
        using var put = await SendAsync(HttpMethod.Put, "{}");

        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        Assert.Equal("text/event-stream", initialize.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2025-06-18", initialized[0]["result"]!["protocolVersion"]!.GetValue<string>());
        Assert.Equal("baton", initialized[0]["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal(17, (await ReadEventsAsync(list))[0]["result"]!["tools"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badSession.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, getWithout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal(-32001, JsonNode.Parse(await afterDelete.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
    }

    [Theory]
    [InlineData("evil.example", null)]
    [InlineData("evil.example:80", null)]
    [InlineData("localhost", null)]
    [InlineData(null, "http://evil.example")]
    [InlineData(null, "http://localhost:3000")]
    [InlineData(null, "null")]
    public async Task Request_FromAForeignHostOrOrigin_IsRefusedAgainstDnsRebinding(string? host, string? origin)
    {
        var port = harness.McpEndpoint().Port;
        using var request = Request(HttpMethod.Post, Initialize("2025-06-18"));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request);
        using var local = Request(HttpMethod.Post, Initialize("2025-06-18"));
        local.Headers.Host = $"localhost:{port}";
        local.Headers.Add("Origin", $"http://localhost:{port}");
        using var allowed = await http.SendAsync(local);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("DNS rebinding", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Subscribe_OverHttp_NotifiesOnTheSessionStream()
    {
        await using var client = await harness.ConnectHttpAsync("2025-11-25");
        var workflowId = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_create", """{"name": "watched"}""")).GetProperty("workflow_id").GetString()!;
        var updated = new TaskCompletionSource<string>();

        await using (await client.SubscribeToResourceAsync($"baton://workflows/{workflowId}", (update, _) =>
        {
            updated.TrySetResult(update.Uri);
            return ValueTask.CompletedTask;
        }))
        {
            // Updates come from the event log: building a draft's phases is not an event, adding a task is (task.created).
            McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_phase", $$"""{"workflow_id": "{{workflowId}}", "phase_id": "design"}"""));
            await AddTaskAsync(client, workflowId);
            Assert.Equal($"baton://workflows/{workflowId}", await updated.Task.WaitAsync(McpHarness.Deadline));
        }
    }

    [Fact]
    public async Task Listen_OverHttpIn2026_07_28_GrantsExistingResourcesAndStreamsTheirUpdates()
    {
        await using var client = await harness.ConnectHttpAsync();
        var workflowId = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_create", """{"name": "listened"}""")).GetProperty("workflow_id").GetString()!;
        var acknowledged = new TaskCompletionSource<JsonNode?>();
        var updated = new TaskCompletionSource<JsonNode?>();
        await using var onAck = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            acknowledged.TrySetResult(n.Params);
            return ValueTask.CompletedTask;
        });
        await using var onUpdate = client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) =>
        {
            updated.TrySetResult(n.Params);
            return ValueTask.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var listen = client.SendRequestAsync(
            new JsonRpcRequest
            {
                Method = RequestMethods.SubscriptionsListen,
                Params = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray($"baton://workflows/{workflowId}", "baton://tasks/abcdefghjkmn") } },
            },
            stop.Token);

        var ack = await acknowledged.Task.WaitAsync(McpHarness.Deadline);
        McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_phase", $$"""{"workflow_id": "{{workflowId}}", "phase_id": "design"}"""));
        await AddTaskAsync(client, workflowId);
        var update = await updated.Task.WaitAsync(McpHarness.Deadline);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen);

        Assert.Equal([$"baton://workflows/{workflowId}"], ack!["notifications"]!["resourceSubscriptions"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal($"baton://workflows/{workflowId}", update!["uri"]!.GetValue<string>());
    }

    private async Task AddTaskAsync(McpClient client, string workflowId) =>
        McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_task",
            $$"""{"workflow_id": "{{workflowId}}", "phase_id": "design", "name": "Design", "agent_name": "{{McpHarness.Agent}}", "agent_instructions": "p", "working_directory": {{JsonSerializer.Serialize(harness.Project)}}}"""));

    private static string Initialize(string version) =>
        new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = version, ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1" } },
        }.ToJsonString();

    private Task<HttpResponseMessage> PostAsync(string body, string? sessionId = null, string? protocolVersion = null) =>
        SendAsync(HttpMethod.Post, body, sessionId: sessionId, protocolVersion: protocolVersion);

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string? body, string? sessionId = null, string? protocolVersion = null,
        string accept = "application/json, text/event-stream", string contentType = "application/json")
    {
        using var request = Request(method, body, accept, contentType);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        if (protocolVersion is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        }

        return await http.SendAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string? body, string accept = "application/json, text/event-stream", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, harness.McpEndpoint());
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return request;
    }

    /// <summary>The JSON-RPC messages of an SSE response body.</summary>
    private static async Task<List<JsonNode>> ReadEventsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return [.. body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l["data: ".Length..])!)];
    }
}
