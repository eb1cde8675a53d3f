using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/workflows/{workflow_id}/phases</c>: a phase added to a draft workflow.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PhaseBody
{
    /// <summary>The phase's id, unique in its workflow, e.g. <c>design</c> (required).</summary>
    public string? PhaseId { get; init; }

    /// <summary>A human-readable name; default: the id.</summary>
    public string? Name { get; init; }

    /// <summary>Ids of the phases that must complete before this one starts.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }

    /// <summary>True to gate the phase: once its dependencies completed it waits for a person to approve it (default false).</summary>
    public bool? RequiresApproval { get; init; }
}
