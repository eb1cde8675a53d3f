using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/intervene</c>: a message into a running agent's session.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record InterveneBody
{
    /// <summary>What the agent is told.</summary>
    public string? Message { get; init; }
}
