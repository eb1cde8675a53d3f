using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/workflows/{workflow_id}/phases/{phase_id}/reject</c>: optional reason.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PhaseRejectBody
{
    /// <summary>Why: recorded as the error of the phase's tasks and of the workflow; at most 4000 characters.</summary>
    public string? Message { get; init; }
}
