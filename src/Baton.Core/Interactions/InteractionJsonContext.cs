using System.Text.Json.Serialization;

namespace Baton.Core.Interactions;

/// <summary>The source-generated serializers behind <see cref="InteractionJson"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InteractionAsk))]
[JsonSerializable(typeof(InteractionResponse))]
internal sealed partial class InteractionJsonContext : JsonSerializerContext;
