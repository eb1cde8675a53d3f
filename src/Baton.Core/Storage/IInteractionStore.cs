using Baton.Core.Attempts;
using Baton.Core.Interactions;

namespace Baton.Core.Storage;

/// <summary>
/// People in the loop, as the store keeps them: interactions (an agent's or a gate's question to a person, and the
/// answer) and steering messages (a person's message into a running session). Every method is one transaction, and
/// each change appends its events in that transaction. An interaction is stored before its task shows
/// <c>input_required</c>, and an answer is stored before it is delivered, so neither is lost to a crash.
/// Phase gates live in the same table but are opened and answered by the workflow store (they move a workflow).
/// </summary>
public interface IInteractionStore
{
    /// <summary>
    /// Opens an interaction for an attempt that still runs under <paramref name="workerId"/>: stores it, moves the task
    /// from <c>running</c> to <c>input_required</c>, appends <c>task.input_required</c> with the summary (a
    /// notification for the owner, webhooks, hooks). If the task already has an open interaction, or an answered one
    /// not yet delivered, with the same fingerprint (opened by an earlier attempt that died), that one is taken over by
    /// this attempt and returned as it is: an open one moves the task to <c>input_required</c> again, an answered one
    /// leaves it running. Null (nothing written) if the attempt no longer runs under the worker.
    /// </summary>
    Task<InteractionRecord?> OpenAsync(AttemptKey attempt, string workerId, InteractionAsk ask, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers an open task interaction: stores the response, moves the task from <c>input_required</c> to
    /// <c>running</c> once none of its interactions is open, appends <c>interaction.answered</c> (who, the decision,
    /// remember). Conditional on the interaction being open: a second answer changes nothing. The caller has checked
    /// that the decision suits the kind.
    /// </summary>
    Task<RespondResult> RespondAsync(string id, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that an answer reached the agent's process; false if it was delivered before.</summary>
    Task<bool> MarkDeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws an open interaction (the agent took its request back): its task goes from <c>input_required</c> to
    /// <c>running</c> once none is open. False if it was not open.
    /// </summary>
    Task<bool> WithdrawAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Expires an open interaction nobody answered in time. With a <paramref name="policyResponse"/> (the deny
    /// policy) it is stored as the response, to be delivered like an answer, and the task goes back to
    /// <c>running</c>; without one (fail, pause) the engine stops the attempt. False if it was not open.
    /// </summary>
    Task<bool> ExpireAsync(string id, InteractionResponse? policyResponse, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The interaction with this id, or null.</summary>
    Task<InteractionRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Interactions matching the query, oldest first.</summary>
    Task<IReadOnlyList<InteractionRecord>> ListAsync(InteractionQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open interactions last raised (opened or reminded) before <paramref name="raisedBefore"/>: they are due for a
    /// reminder. Oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<InteractionRecord>> FindDueRemindersAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reminds people of an open interaction: sets <c>reminded_at</c> and appends <c>task.input_required</c> (or
    /// <c>phase.input_required</c>) again, marked as a reminder. False if it is no longer open or was reminded since
    /// <paramref name="raisedBefore"/> (another node did it).
    /// </summary>
    Task<bool> RemindAsync(string id, DateTimeOffset raisedBefore, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores a message for a task's running session; its worker delivers it.</summary>
    Task<SteeringMessage> AddMessageAsync(string taskId, string text, string sentBy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that a message reached the agent's process; false if it was delivered before.</summary>
    Task<bool> MarkMessageDeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);
}
