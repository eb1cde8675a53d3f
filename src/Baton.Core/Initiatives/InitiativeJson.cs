using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Core.Initiatives;

/// <summary>An initiative's definition as one JSON text, which is how every store keeps it.</summary>
public static class InitiativeJson
{
    /// <summary>The definition as JSON.</summary>
    public static string Write(InitiativeDefinition definition) => JsonSerializer.Serialize(definition, InitiativeJsonContext.Default.InitiativeDefinition);

    /// <summary>The stored definition, read back.</summary>
    public static InitiativeDefinition Read(string json) =>
        JsonSerializer.Deserialize(json, InitiativeJsonContext.Default.InitiativeDefinition) ?? throw new InvalidDataException("a stored initiative has no definition");
}

/// <summary>Initiatives as the stores keep them: snake_case, enums by name, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(InitiativeDefinition))]
internal sealed partial class InitiativeJsonContext : JsonSerializerContext;
