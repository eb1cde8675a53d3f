using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Baton.Mcp.Http;

/// <summary>
/// What /mcp checks before the SDK's Streamable HTTP handler, which serves the rest. It hands the SDK the caller
/// that access control found, as the request's user: the SDK binds a session to it (another caller gets 403) and
/// passes it to the tools, which refuse writes to a read-only token. And it refuses, with a status a client can act
/// on, what the SDK would otherwise take or fail on: a body that is not JSON (415), one past 1 MiB (413), and a
/// protocol version other than the one the session agreed on (400); and it answers a DELETE of a session that
/// does not exist with 404, as every other request for it, where the SDK would say 200.
/// </summary>
internal sealed class McpRequestGate(RequestDelegate next, McpHttpSessions sessions)
{
    /// <summary>The largest request body accepted (1 MiB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string ProtocolVersionHeader = "MCP-Protocol-Version";
    private const string SessionlessSince = "2026-07-28";

    /// <summary>The code the SDK and the reference servers use for an unknown session (not part of JSON-RPC proper).</summary>
    private const int SessionNotFoundCode = -32001;

    public async Task InvokeAsync(HttpContext context)
    {
        context.User = HttpCaller.Of(context).ToPrincipal();
        if (HttpMethods.IsPost(context.Request.Method) && !await CheckBodyAsync(context))
        {
            return;
        }

        var sessionId = context.Request.Headers[SessionIdHeader].ToString();
        var version = context.Request.Headers[ProtocolVersionHeader].ToString();
        if (sessionId.Length > 0 && version.Length > 0 && sessions.ProtocolVersionOf(sessionId) is { } agreed && agreed != version)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"Bad Request: {ProtocolVersionHeader} is {(version.Length > 40 ? version[..40] + "..." : version)}, but this session speaks {agreed}");
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method) && sessionId.Length > 0 && !sessions.IsRunning(sessionId) && HasSessions(version))
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "Session not found", SessionNotFoundCode);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NotSupportedException && !context.Response.HasStarted)
        {
            // The transport reads some params itself (initialize's) before the server, and lets their faults escape.
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid params: {ex.Message.Split('\n')[0].TrimEnd('.')}", code: -32602);
        }
    }

    /// <summary>False for 2026-07-28 and later, which have no sessions (the SDK answers those itself).</summary>
    private static bool HasSessions(string version) => version.Length == 0 || string.CompareOrdinal(version, SessionlessSince) < 0;

    private static async Task<bool> CheckBodyAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return false;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return false;
        }

        // A body without a length (chunked) is cut off by the server at the same size, while it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return true;
    }

    private static Task TooLargeAsync(HttpContext context) =>
        McpHttpResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: a message may be at most {MaxBodyBytes / 1024} KiB");
}
