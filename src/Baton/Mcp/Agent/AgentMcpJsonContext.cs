using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Mcp.Agent;

/// <summary>The agent-side tools' answers, in snake_case like every other view.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CapsuleSavedView))]
[JsonSerializable(typeof(CapsuleListView))]
[JsonSerializable(typeof(ProgressReportView))]
[JsonSerializable(typeof(IDictionary<string, JsonElement>))]
internal sealed partial class AgentMcpJsonContext : JsonSerializerContext;
