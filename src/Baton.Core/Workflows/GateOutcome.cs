namespace Baton.Core.Workflows;

/// <summary>What deciding a gate did.</summary>
public enum GateOutcome
{
    /// <summary>The gate was decided now.</summary>
    Decided,
    /// <summary>No such workflow.</summary>
    NoWorkflow,
    /// <summary>The workflow has no such phase.</summary>
    NoPhase,
    /// <summary>The phase has no gate (it was not marked requires_approval).</summary>
    NoGate,
    /// <summary>The gate was decided before; nothing changed.</summary>
    AlreadyDecided,
    /// <summary>The phase does not wait at its gate (its dependencies have not completed, or it ended).</summary>
    NotWaiting,
}
