using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/pause</c>; the body may be left out.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PauseBody
{
    /// <summary>Why, for whoever looks at the task.</summary>
    public string? Reason { get; init; }
}
