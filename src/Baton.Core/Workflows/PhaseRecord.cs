namespace Baton.Core.Workflows;

/// <summary>A phase of a workflow: a set of tasks that run in parallel once the phases it depends on completed.</summary>
public sealed record PhaseRecord
{
    /// <summary>The caller's id for the phase, unique within its workflow (for example <c>design</c>).</summary>
    public required string PhaseId { get; init; }

    /// <summary>A human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The ids of the phases that must complete before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The order in which it was added (0 first); used for display and stable ordering.</summary>
    public required int Position { get; init; }

    /// <summary>The current status.</summary>
    public required WorkflowState Status { get; init; }

    /// <summary>
    /// True for a gated phase: once its dependencies completed it waits in <c>input_required</c> until a person
    /// approves it (its tasks start) or rejects it (it fails under the workflow's failure policy).
    /// </summary>
    public bool RequiresApproval { get; init; }

    /// <summary>How its gate was decided; null while undecided (or for a phase without a gate).</summary>
    public PhaseGateDecision? Gate { get; init; }

    /// <summary>When its tasks were released to run.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its last task ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
