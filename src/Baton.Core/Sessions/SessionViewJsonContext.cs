using System.Text.Json.Serialization;

namespace Baton.Core.Sessions;

/// <summary>Source-generated JSON for sessions and capsules as REST and <c>--json</c> show them: snake_case, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(SessionListView))]
[JsonSerializable(typeof(CapsuleView))]
[JsonSerializable(typeof(CapsuleListView))]
public sealed partial class SessionViewJsonContext : JsonSerializerContext;
