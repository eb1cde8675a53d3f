using System.Text.Json.Serialization;

namespace Baton.Core.Schedules;

/// <summary>Schedules as the store keeps them and the wire carries them: snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduleSpec))]
[JsonSerializable(typeof(ScheduleView))]
[JsonSerializable(typeof(ScheduleListView))]
[JsonSerializable(typeof(OccurrenceView))]
[JsonSerializable(typeof(OccurrenceListView))]
[JsonSerializable(typeof(NextOccurrencesView))]
public sealed partial class ScheduleJsonContext : JsonSerializerContext;
