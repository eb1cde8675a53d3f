using System.Text.Json.Serialization;

namespace Baton.Core.Runners.Agents;

/// <summary>JSON for agent specs and run details, as stored and as shown (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AgentSpec))]
[JsonSerializable(typeof(AgentRunDetails))]
[JsonSerializable(typeof(List<PermissionDenial>))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
