using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/continue</c>: a follow-up to an ended agent task.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ContinueBody
{
    /// <summary>What the agent is told when its session resumes.</summary>
    public string? Message { get; init; }
}
