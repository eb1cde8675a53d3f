using System.Text.Json;

namespace Baton.Core.Schedules;

/// <summary>A schedule's spec as one JSON text, which is how every store keeps it.</summary>
public static class ScheduleJson
{
    /// <summary>The spec as JSON.</summary>
    public static string Write(ScheduleSpec spec) => JsonSerializer.Serialize(spec, ScheduleJsonContext.Default.ScheduleSpec);

    /// <summary>The stored schedule, read back and checked as when it was added.</summary>
    public static ScheduleRecord Read(string spec, DateTimeOffset createdAt, string? createdBy, ScheduleState state) =>
        new(ScheduleDefinition.From(JsonSerializer.Deserialize(spec, ScheduleJsonContext.Default.ScheduleSpec)
            ?? throw new InvalidDataException("a stored schedule has no spec")), createdAt, createdBy, state);
}
