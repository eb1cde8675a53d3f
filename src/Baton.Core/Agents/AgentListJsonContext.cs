using System.Text.Json.Serialization;

namespace Baton.Core.Agents;

/// <summary>Source-generated JSON for the agent views: snake_case, stable, indented for people who read it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentListView))]
public sealed partial class AgentListJsonContext : JsonSerializerContext;
