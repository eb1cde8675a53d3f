using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Baton.Core.Application.Views;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary>
/// What a tool returns: a short text for the agent to read and the same answer as structured content (the views
/// every interface shows, in snake_case), or an error result that says what to fix.
/// </summary>
internal static class ToolResults
{
    public static CallToolResult Success<T>(string text, T value, JsonTypeInfo<T> type) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(value, type),
    };

    /// <summary>
    /// The text of a call that created a webhook subscription: its secret is shown this once, so it goes in the text
    /// too, for clients that show only the text.
    /// </summary>
    public static string WithSecret(string message, string? secret) =>
        secret is null ? message : $"{message} Webhook secret (shown only now; verify each delivery's webhook-signature with it): {secret}";

    /// <summary>A failed call: <c>isError</c> with the message, and <c>{error, kind}</c> as structured content.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="kind">invalid_input, not_found, conflict, unavailable, store_failure, storage_full, forbidden or internal.</param>
    public static CallToolResult Error(string message, string kind) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        StructuredContent = JsonSerializer.SerializeToElement(new ErrorView(message, kind), ViewJsonContext.Default.ErrorView),
        IsError = true,
    };
}
