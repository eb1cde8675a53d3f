using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>
/// Just enough of an MCP Streamable HTTP client to call a tool with a bearer token: initialize, the initialized
/// notification, then tools/call. Answers may come as JSON or as server-sent events.
/// </summary>
internal sealed class McpAccessClient(HttpClient http, string token)
{
    private const string ProtocolVersion = "2025-06-18";
    private string? session;
    private int nextId = 1;

    public async Task InitializeAsync()
    {
        await CallAsync("initialize", "{\"protocolVersion\":\"" + ProtocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"access-test\",\"version\":\"1.0\"}}");
        using var response = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        Assert.True(response.IsSuccessStatusCode, $"initialized: {response.StatusCode}");
    }

    /// <summary>Calls a tool and returns the JSON-RPC result (a tool result, possibly with isError).</summary>
    public Task<JsonElement> CallToolAsync(string name, string argumentsJson) =>
        CallAsync("tools/call", "{\"name\":" + JsonSerializer.Serialize(name) + ",\"arguments\":" + argumentsJson + "}");

    private async Task<JsonElement> CallAsync(string method, string paramsJson)
    {
        var id = nextId++;
        using var response = await PostAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":" + JsonSerializer.Serialize(method) + ",\"params\":" + paramsJson + "}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method}: {response.StatusCode} {body}");
        if (response.Headers.TryGetValues("Mcp-Session-Id", out var ids))
        {
            session ??= ids.First();
        }

        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).First(d => d.Contains($"\"id\":{id}", StringComparison.Ordinal))
            : body;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("error", out var error), $"{method}: {error}");
        return root.GetProperty("result").Clone();
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        return await http.SendAsync(request);
    }
}
