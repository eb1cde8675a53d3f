using System.Text.Json.Serialization;

namespace Baton.Core.Initiatives.Views;

/// <summary>Initiatives on Baton's own wire: snake_case, as the rest of /api/v1.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(InitiativeView))]
[JsonSerializable(typeof(InitiativeListView))]
[JsonSerializable(typeof(StreamView))]
public sealed partial class InitiativeViewJsonContext : JsonSerializerContext;
