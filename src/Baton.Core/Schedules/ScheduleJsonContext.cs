using System.Text.Json.Serialization;

namespace Baton.Core.Schedules;

/// <summary>A schedule's spec as the store keeps it and the wire carries it: snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduleSpec))]
public sealed partial class ScheduleJsonContext : JsonSerializerContext;
