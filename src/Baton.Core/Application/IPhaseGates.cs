using Baton.Core.Interactions;
using Baton.Core.Storage;

namespace Baton.Core.Application;

/// <summary>
/// Decides phase gates: the workflow side of <see cref="InteractionService"/>. A gate's answer moves a workflow (its
/// phase starts, or fails under the workflow's failure policy), so the workflow layer carries it out, not the
/// interaction store.
/// </summary>
public interface IPhaseGates
{
    /// <summary>
    /// Approves (the phase starts; the response's message is feedback added to its tasks' prompts) or denies (the
    /// phase fails under the workflow's failure policy) the open <paramref name="gate"/>, recording the response and
    /// <c>interaction.answered</c> in the same transaction. Conditional on the gate being open, like
    /// <see cref="IInteractionStore.RespondAsync"/>, whose outcomes it returns.
    /// </summary>
    /// <param name="gate">The gate (kind <see cref="InteractionKind.PhaseGate"/>), as read.</param>
    /// <param name="response">The checked decision: approve or deny, who decided, the message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    Task<RespondResult> DecideAsync(InteractionRecord gate, InteractionResponse response, CancellationToken cancellationToken = default);
}
