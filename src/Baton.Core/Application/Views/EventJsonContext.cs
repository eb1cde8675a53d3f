using System.Text.Json.Serialization;

namespace Baton.Core.Application.Views;

/// <summary>
/// Events as one line of JSON each, snake_case: an SSE <c>data:</c> field may not span lines, and
/// <c>baton watch --json</c> prints one event per line.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EventView))]
public sealed partial class EventJsonContext : JsonSerializerContext;
