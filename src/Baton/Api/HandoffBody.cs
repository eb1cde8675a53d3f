using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/handoff</c>: a finished task's work, with its capsule, to an agent in a new session.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record HandoffBody
{
    /// <summary>The agent that takes the work over.</summary>
    public string? To { get; init; }

    /// <summary>What it is asked to do after reading the capsule; default: continue the work.</summary>
    public string? Prompt { get; init; }
}
