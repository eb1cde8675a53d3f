using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Baton.Bench.Scenarios;

/// <summary>
/// One MCP client of the daemon's /mcp, over raw HTTP (no SDK in the measurement): an <c>initialize</c> that opens a
/// session (protocol 2025-11-25, as Claude Code and the TypeScript SDK use), then tool calls answered as SSE.
/// </summary>
internal sealed class McpBenchSession
{
    private const string ProtocolVersion = "2025-11-25";
    private readonly RestDaemon daemon;
    private string sessionId = string.Empty;

    private McpBenchSession(RestDaemon daemon) => this.daemon = daemon;

    public static async Task<McpBenchSession> OpenAsync(RestDaemon daemon, CancellationToken cancellationToken = default)
    {
        var session = new McpBenchSession(daemon);
        using var response = await daemon.Http.SendAsync(session.Post(
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"baton-bench","version":"1"}}}"""),
            cancellationToken);
        await Require(response, HttpStatusCode.OK, cancellationToken);
        session.sessionId = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await daemon.Http.SendAsync(session.Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""), cancellationToken);
        await Require(initialized, HttpStatusCode.Accepted, cancellationToken);
        return session;
    }

    /// <summary>Calls a tool with its arguments as JSON and returns the SSE body; a tool error fails the benchmark.</summary>
    public async Task<string> CallAsync(int id, string tool, string argumentsJson, CancellationToken cancellationToken = default)
    {
        using var response = await daemon.Http.SendAsync(
            Post($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}}}"""), cancellationToken);
        var body = await Require(response, HttpStatusCode.OK, cancellationToken);
        return body.Contains("\"isError\":true", StringComparison.Ordinal) || !body.Contains("\"result\"", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"{tool} failed: {body}")
            : body;
    }

    private HttpRequestMessage Post(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = content };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (sessionId.Length > 0)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        return request;
    }

    private static async Task<string> Require(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"/mcp answered {(int)response.StatusCode}, not {(int)expected}: {body}");
    }
}
