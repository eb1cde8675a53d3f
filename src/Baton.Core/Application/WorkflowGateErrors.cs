using Baton.Core.Errors;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>The messages of a gate decision or a pause that could not be carried out, each saying what to do instead.</summary>
internal static class WorkflowGateErrors
{
    /// <summary>The error for a gate decision that changed nothing.</summary>
    public static BatonException Of(string workflowId, string phaseId, GateDecisionResult result) => result.Outcome switch
    {
        GateOutcome.NoWorkflow => WorkflowLookup.NotFound(workflowId),
        GateOutcome.NoPhase => BatonException.NotFound($"workflow {workflowId} has no phase '{phaseId}'; its phases are "
            + string.Join(", ", (result.Phases ?? []).Select(p => $"'{p}'"))),
        GateOutcome.NoGate => BatonException.Conflict($"phase '{phaseId}' of workflow {workflowId} has no approval gate (it was not added with requires_approval); "
            + "it starts by itself once the phases it depends on completed"),
        GateOutcome.AlreadyDecided => BatonException.Conflict($"the gate of phase '{phaseId}' of workflow {workflowId} was already "
            + (result.Gate is { } gate ? $"{(gate.Approved ? "approved" : "rejected")} by {gate.DecidedBy}" : "decided") + "; a gate is decided once"),
        _ => BatonException.Conflict($"phase '{phaseId}' of workflow {workflowId} does not wait for approval ({result.PhaseStatus?.ToWire()}): "
            + (result.PhaseStatus switch
            {
                WorkflowState.Draft => "the workflow has not started",
                WorkflowState.Pending => "the phases it depends on have not completed yet",
                _ => "it has ended",
            })),
    };

    /// <summary>The error for pausing or resuming a draft or an ended workflow.</summary>
    public static BatonException NotStartedOrEnded(WorkflowRecord workflow, string what) => BatonException.Conflict(
        workflow.Status == WorkflowState.Draft
            ? $"workflow {workflow.Id} has not started (draft); only a started workflow can be {what}"
            : $"workflow {workflow.Id} already ended as {workflow.Status.ToWire()}; only a workflow that has not ended can be {what}");
}
