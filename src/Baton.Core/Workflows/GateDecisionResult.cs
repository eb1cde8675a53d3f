namespace Baton.Core.Workflows;

/// <summary>The result of deciding a gate.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PhaseStatus">The phase's status before the decision.</param>
/// <param name="Gate">The decision now stored (this one, or the earlier one for <see cref="GateOutcome.AlreadyDecided"/>).</param>
/// <param name="InteractionId">The gate's interaction that was answered.</param>
/// <param name="Phases">For <see cref="GateOutcome.NoPhase"/>: the workflow's phase ids.</param>
public sealed record GateDecisionResult(
    GateOutcome Outcome, WorkflowState? PhaseStatus = null, PhaseGateDecision? Gate = null, string? InteractionId = null, IReadOnlyList<string>? Phases = null);
