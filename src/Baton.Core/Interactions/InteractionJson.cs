using System.Text.Json;

namespace Baton.Core.Interactions;

/// <summary>
/// How every store keeps an interaction's ask and response (snake_case JSON, enums by wire name), so that a database
/// written by one store reads the same in another.
/// </summary>
public static class InteractionJson
{
    /// <summary>The ask as stored.</summary>
    public static string Write(InteractionAsk ask) => JsonSerializer.Serialize(ask, InteractionJsonContext.Default.InteractionAsk);

    /// <summary>The response as stored.</summary>
    public static string Write(InteractionResponse response) => JsonSerializer.Serialize(response, InteractionJsonContext.Default.InteractionResponse);

    /// <summary>Reads a stored ask.</summary>
    public static InteractionAsk ReadAsk(string json) =>
        JsonSerializer.Deserialize(json, InteractionJsonContext.Default.InteractionAsk) ?? throw new JsonException("an interaction's ask is empty");

    /// <summary>Reads a stored response; null for none.</summary>
    public static InteractionResponse? ReadResponse(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, InteractionJsonContext.Default.InteractionResponse);
}
