using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/priority</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PriorityBody
{
    /// <summary>critical, high, normal or low.</summary>
    public string? Priority { get; init; }
}
