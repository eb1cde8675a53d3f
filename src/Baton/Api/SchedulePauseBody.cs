using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/schedules/{name}/pause</c>; the body may be left out.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SchedulePauseBody
{
    /// <summary>Why, for whoever looks at the schedule.</summary>
    public string? Note { get; init; }
}
