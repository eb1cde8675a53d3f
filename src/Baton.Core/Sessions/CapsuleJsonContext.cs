using System.Text.Json.Serialization;

namespace Baton.Core.Sessions;

/// <summary>The source-generated serializers behind <see cref="CapsuleJson"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ContextCapsule))]
internal sealed partial class CapsuleJsonContext : JsonSerializerContext;
