using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Http;

/// <summary>Reads a POST body into one JSON-RPC message, within the size limit.</summary>
internal static class McpRequestReader
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    /// <summary>The body, or null if it is larger than <see cref="McpHttpProtocol.MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > McpHttpProtocol.MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > McpHttpProtocol.MaxBodyBytes)
            {
                return null;
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    /// <summary>The message, or null with the reason if the body is not one JSON-RPC message.</summary>
    public static JsonRpcMessage? Parse(byte[] body, out string? problem)
    {
        problem = null;
        try
        {
            var message = JsonSerializer.Deserialize(body, MessageType);
            if (message is null)
            {
                problem = "the body is null, not a JSON-RPC message";
            }

            return message;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException or ArgumentException)
        {
            // Batches (JSON arrays) were removed from MCP in 2025-06-18 and are refused here too.
            problem = body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("["u8)
                ? "batches (JSON arrays) are not supported; send one JSON-RPC message per request"
                : $"the body is not a valid JSON-RPC message ({ex.Message.Split('\n')[0].TrimEnd('.')})";
            return null;
        }
    }
}
