namespace Baton.Core.Interactions;

/// <summary>What an open interaction waits for. Wire names are a public contract; see <see cref="InteractionKinds"/>.</summary>
public enum InteractionKind
{
    /// <summary>An agent wants to use a tool it was not pre-allowed (run a command, edit a file).</summary>
    ToolApproval,
    /// <summary>An agent asks a clarifying question, usually with options.</summary>
    Question,
    /// <summary>An agent in plan mode proposes a plan and waits to carry it out.</summary>
    PlanApproval,
    /// <summary>A workflow phase marked <c>requires_approval</c> waits, its dependencies completed, to start.</summary>
    PhaseGate,
    /// <summary>A cost budget was reached; a person decides whether work goes on.</summary>
    Budget,
    /// <summary>Merging a task's branch met a conflict a person must settle.</summary>
    MergeConflict,
}
