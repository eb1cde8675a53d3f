using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// Decides the approval gates of workflow phases, whichever way the decision comes: approve or reject from a front
/// end, or an answer to the gate's <c>phase_gate</c> interaction. Both go through the same conditional write, so a
/// gate is decided once however many people answer it.
/// </summary>
/// <param name="store">The workflows, whose gates are decided.</param>
/// <param name="notifier">Tells the engine that an approved phase's tasks are queued.</param>
/// <param name="time">The clock.</param>
/// <param name="lookup">Finds the workflow a front end names, and reads it back after the decision.</param>
internal sealed class WorkflowGateDecisions(IWorkflowStore store, IWorkNotifier notifier, TimeProvider time, WorkflowLookup lookup)
{
    /// <inheritdoc cref="WorkflowService.DecideGateAsync"/>
    public async Task<WorkflowDetails> DecideGateAsync(string workflowIdOrPrefix, string phaseId, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        WorkflowRules.Require(InteractionKind.PhaseGate.Accepts(response.Decision),
            $"a phase gate is approved or rejected (approve or deny), not answered with '{response.Decision.ToWire()}'");
        WorkflowRules.Require((response.Message?.Length ?? 0) <= WorkflowRules.MaxDescriptionLength,
            $"the message is {response.Message?.Length} characters; the limit is {WorkflowRules.MaxDescriptionLength}");
        var id = await lookup.ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        var result = await store.DecideGateAsync(id, phaseId, response, time.GetUtcNow(), cancellationToken);
        if (result.Outcome != GateOutcome.Decided)
        {
            throw WorkflowGateErrors.Of(id, phaseId, result);
        }

        if (response.Decision == InteractionDecision.Approve)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        return await lookup.DetailsAsync(id, cancellationToken);
    }

    /// <inheritdoc cref="WorkflowService.DecideAsync"/>
    public async Task<RespondResult> DecideAsync(InteractionRecord gate, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        if (gate.WorkflowId is not { } workflowId || gate.PhaseId is not { } phaseId)
        {
            return new RespondResult(RespondOutcome.NotFound, null);
        }

        var now = time.GetUtcNow();
        var result = await store.DecideGateAsync(workflowId, phaseId, response, now, cancellationToken);
        return result.Outcome switch
        {
            GateOutcome.Decided => new RespondResult(RespondOutcome.Answered,
                gate with { Status = InteractionStatus.Answered, Response = response, ClosedAt = now, DeliveredAt = now }),
            GateOutcome.AlreadyDecided => new RespondResult(RespondOutcome.AlreadyAnswered, gate),
            GateOutcome.NoWorkflow or GateOutcome.NoPhase => new RespondResult(RespondOutcome.NotFound, null),
            // The phase no longer waits at its gate (its workflow was cancelled, say): nobody can answer it now.
            _ => new RespondResult(RespondOutcome.Withdrawn, gate),
        };
    }
}
