using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Http;

/// <summary>How /mcp answers: JSON-RPC errors with an HTTP status for requests it refuses, SSE for the rest.</summary>
internal static class McpHttpResponses
{
    /// <summary>The code the reference servers use for an unknown session (not part of JSON-RPC proper).</summary>
    public const int SessionNotFoundCode = -32001;

    public static async Task ErrorAsync(HttpContext context, int status, string message, int code = -32000)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        await JsonSerializer.SerializeAsync(context.Response.Body, error, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError)), context.RequestAborted);
    }

    /// <summary>Starts a Server-Sent Events response: unbuffered, uncompressed, never cached.</summary>
    public static void StartEventStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    /// <summary>True if the Accept header admits every one of <paramref name="types"/> (wildcards count).</summary>
    public static bool Accepts(HttpRequest request, params string[] types)
    {
        var accepted = request.GetTypedHeaders().Accept;
        return types.All(type => accepted.Any(a =>
            a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("*/*", StringComparison.Ordinal)
            || (a.MatchesAllSubTypes && type.StartsWith(a.Type.Value ?? "-", StringComparison.OrdinalIgnoreCase))));
    }
}
