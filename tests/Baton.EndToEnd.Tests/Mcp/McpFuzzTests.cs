using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// A few thousand malformed MCP messages, over stdio and over /mcp: the server answers each one it can (never with
/// a 5xx), keeps serving, and the store is exactly as it was.
/// </summary>
public sealed class McpFuzzTests : IDisposable
{
    private const int Messages = 2500;
    private readonly McpHarness harness = new();

    [Fact]
    public Task MalformedMessages_OverStdio_AreAnsweredWithoutACrashOrAChange() =>
        FuzzOverStdioAsync(() => StoreSnapshot.Take(harness.Home.DatabasePath));

    [Fact]
    public async Task MalformedMessages_OverStdioOnPostgres_AreAnsweredWithoutACrashOrAChange() =>
        await FuzzOverStdioAsync(await UsePostgresAsync("mcpstdiofuzz"));

    private async Task FuzzOverStdioAsync(Func<string> snapshot)
    {
        await using var server = RawStdioServer.Start(harness, ["mcp"]);
        await server.SendAsync(Initialize(1));
        await server.ResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        // A first tool call: the server opens (and on a new database, creates) the store by then.
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_tasks","arguments":{}}}""");
        await server.ResponseAsync(3);
        var before = snapshot();

        foreach (var message in McpFuzzMessages.Generate(Messages))
        {
            await server.SendAsync(message);
        }

        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_tasks","arguments":{}}}""");
        var list = await server.ResponseAsync(2);

        Assert.False(server.HasExited, server.Errors);
        Assert.Equal(0, list["result"]!["structuredContent"]!["count"]!.GetValue<int>());
        Assert.Equal(before, snapshot());
        // Stdout carried nothing but JSON-RPC messages, one per line.
        Assert.All(server.Lines, line => Assert.Equal("2.0", JsonNode.Parse(line)!["jsonrpc"]!.GetValue<string>()));
        Assert.True(server.Lines.Count > Messages / 2, $"only {server.Lines.Count} answers");
        Assert.Equal(0, await server.CloseAsync());
    }

    [Fact]
    public Task MalformedRequests_OverHttp_GetNo5xxAndChangeNothing() =>
        FuzzOverHttpAsync(() => StoreSnapshot.Take(harness.Home.DatabasePath));

    [Fact]
    public async Task MalformedRequests_OverHttpOnPostgres_GetNo5xxAndChangeNothing() =>
        await FuzzOverHttpAsync(await UsePostgresAsync("mcpfuzz"));

    /// <summary>
    /// Points the harness's home at a fresh PostgreSQL database, which refuses some input SQLite takes (NUL in text,
    /// numbers past a column's range); returns how to snapshot it.
    /// </summary>
    private async Task<Func<string>> UsePostgresAsync(string name)
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync(name);
        var path = Path.Combine(harness.Home.Dir, "baton.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        config["db"] = cluster.Uri(database);
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return () => StoreSnapshot.TakePostgres(cluster.ConnectionString(database));
    }

    private async Task FuzzOverHttpAsync(Func<string> snapshot)
    {
        using var daemon = await harness.StartDaemonAsync();
        using var http = new HttpClient();
        var endpoint = harness.McpEndpoint();
        using var initialize = await PostAsync(http, endpoint, Initialize(1), sessionId: null);
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        var before = snapshot();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var random = new Random(7);

        var index = 0;
        foreach (var message in McpFuzzMessages.Generate(Messages, seed: 43))
        {
            using var response = (index++ % 20) switch
            {
                0 => await PostAsync(http, endpoint, message, sessionId: null),
                1 => await PostAsync(http, endpoint, message, sessionId: "not-a-session"),
                2 => await PostAsync(http, endpoint, message, sessionId, protocolVersion: "2026-13-45"),
                3 => await PostAsync(http, endpoint, message, sessionId: null, protocolVersion: "2026-07-28"),
                4 => await PostAsync(http, endpoint, message, sessionId, accept: "text/html"),
                5 => await PostAsync(http, endpoint, message, sessionId, contentType: "text/plain"),
                6 => await SendAsync(http, random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Delete, endpoint, "session-" + random.Next()),
                _ => await PostAsync(http, endpoint, message, sessionId),
            };
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {message[..Math.Min(message.Length, 200)]}: {await response.Content.ReadAsStringAsync()}");
        }

        using var list = await PostAsync(http, endpoint, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_tasks","arguments":{}}}""", sessionId);

        Assert.False(daemon.HasExited, daemon.Output);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"count\":0", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, snapshot());
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 100, string.Join(", ", statuses));
    }

    private static string Initialize(int id) =>
        new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = "2025-11-25", ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "fuzz", ["version"] = "1" } },
        }.ToJsonString();

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient http, Uri endpoint, string body, string? sessionId, string? protocolVersion = null,
        string accept = "application/json, text/event-stream", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Accept.ParseAdd(accept);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        if (protocolVersion is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        }

        var response = await http.SendAsync(request);
        // Reads the whole answer, so that a request the server is still working on counts too.
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri endpoint, string sessionId)
    {
        using var request = new HttpRequestMessage(method, endpoint);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("Mcp-Session-Id", sessionId);
        return await http.SendAsync(request);
    }

    public void Dispose() => harness.Dispose();
}
