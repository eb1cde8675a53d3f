using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;

namespace Baton.Core.Workflows;

/// <summary>
/// Phase gates: the interaction a gated phase opens once its dependencies completed, and a person's decision on it.
/// Deciding runs inside one write transaction of the workflow store, under the workflow's lock: the decision, the
/// answered interaction, its event and what the workflow rules make of it (the phase's tasks released with the
/// feedback, or failed under the failure policy) commit together.
/// </summary>
public static class PhaseGates
{
    /// <summary>Why a held task waits, as its pause reason.</summary>
    public static string HoldReason(string workflowId) => $"workflow {workflowId} is paused; 'baton workflow resume {workflowId}' releases it";

    /// <summary>The open interaction a gated phase waits on, with the results of the phases it depends on.</summary>
    public static InteractionRecord NewGate(WorkflowRecord workflow, PhaseRecord phase, string? upstreamSummary, DateTimeOffset now)
    {
        var ask = new InteractionAsk
        {
            Kind = InteractionKind.PhaseGate,
            Summary = $"Phase '{phase.PhaseId}' of workflow '{workflow.Name}' ({workflow.Id}) waits for approval to start"
                + (phase.DependsOn.Count == 0 ? string.Empty : $": {string.Join(", ", phase.DependsOn.Select(d => $"'{d}'"))} completed"),
            Detail = (upstreamSummary ?? "(no upstream results: the phase depends on no other phase)\n")
                + $"\nApprove: baton workflow approve {workflow.Id} {phase.PhaseId} [--with-feedback TEXT]"
                + $"\nReject: baton workflow reject {workflow.Id} {phase.PhaseId} [--message TEXT]\n",
        };
        return new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Open,
            WorkflowId = workflow.Id,
            PhaseId = phase.PhaseId,
            // One gate per phase: the phase identifies it across restarts.
            Fingerprint = $"phase_gate:{workflow.Id}:{phase.PhaseId}",
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Approves or rejects a phase's gate (the caller checked that the decision is approve or deny). The answer says
    /// what happened; only <see cref="GateOutcome.Decided"/> changed anything.
    /// </summary>
    public static async Task<GateDecisionResult> DecideAsync(
        IWorkflowGraphSession graph, string workflowId, string phaseId, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var snapshot = await graph.LockWorkflowAsync(workflowId, cancellationToken);
        if (snapshot is null)
        {
            return new GateDecisionResult(GateOutcome.NoWorkflow);
        }

        var phase = snapshot.Phases.FirstOrDefault(p => p.PhaseId == phaseId);
        if (phase is null)
        {
            return new GateDecisionResult(GateOutcome.NoPhase, Phases: [.. snapshot.Phases.Select(p => p.PhaseId)]);
        }

        if (!phase.RequiresApproval)
        {
            return new GateDecisionResult(GateOutcome.NoGate, phase.Status);
        }

        if (phase.Gate is not null)
        {
            return new GateDecisionResult(GateOutcome.AlreadyDecided, phase.Status, phase.Gate);
        }

        if (phase.Status != WorkflowState.InputRequired)
        {
            return new GateDecisionResult(GateOutcome.NotWaiting, phase.Status);
        }

        // The phase waits, so its gate is open (a store written before gates had interactions gets one now).
        var gate = await WorkflowAdvancer.OpenGateAsync(graph, snapshot, phase, now, cancellationToken);
        var decision = new PhaseGateDecision(response.Decision, string.IsNullOrWhiteSpace(response.Message) ? null : response.Message.Trim(), response.RespondedBy, now);
        if (!await graph.DecideGateAsync(workflowId, phaseId, decision, gate.Id, response, now, cancellationToken))
        {
            return new GateDecisionResult(GateOutcome.AlreadyDecided, phase.Status);
        }

        var answered = gate with { Status = InteractionStatus.Answered, Response = response, ClosedAt = now, DeliveredAt = now };
        await graph.Events.AppendAsync(InteractionEvents.Answered(answered, null, null, snapshot.Workflow.CreatedBy, now), cancellationToken);
        await WorkflowAdvancer.ReconcileAsync(graph, workflowId, now, cancellationToken);
        return new GateDecisionResult(GateOutcome.Decided, phase.Status, decision, InteractionId: gate.Id);
    }
}
