using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/workflows/{workflow_id}/phases/{phase_id}/approve</c>: optional feedback for the phase's tasks.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PhaseApproveBody
{
    /// <summary>Feedback added to the phase's tasks' prompts (commands get it in BATON_UPSTREAM); at most 4000 characters.</summary>
    public string? Feedback { get; init; }
}
