using System.Threading.Channels;

namespace Baton.Core.Interactions;

/// <summary>
/// A running attempt's line to people. A runner whose CLI can ask (Claude's stdio permission prompts, Codex's
/// app-server requests, Gemini's ACP permission requests) asks through it, delivers the messages people send into
/// the session, and interrupts the agent gracefully when a person pauses the task. The engine gives every agent
/// attempt one (<see cref="Runners.AttemptContext.Conversation"/>); all of it is durable in the store.
/// </summary>
public interface IAttemptConversation
{
    /// <summary>
    /// Asks a person and waits for the answer. The interaction is stored (the task shows <c>input_required</c>)
    /// before this waits; an interaction with the same fingerprint that an earlier attempt of the task opened is taken
    /// over instead, and if it was answered meanwhile that answer is returned at once. While it waits, the task's
    /// timeout does not run. The returned answer is marked delivered by <see cref="DeliveredAsync"/>; with an input
    /// timeout whose policy is <c>deny</c> the answer is a denial by <c>policy</c>. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires (cancel, timeout,
    /// pause, shutdown, or the <c>fail</c> and <c>pause</c> policies, which stop the attempt).
    /// </summary>
    /// <returns>The interaction as answered (its <see cref="InteractionRecord.Response"/> is set).</returns>
    Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken);

    /// <summary>Records that the answer reached the agent's process (the runner wrote it to the CLI).</summary>
    Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken);

    /// <summary>
    /// The CLI took its request back before anyone answered (Claude's <c>control_cancel_request</c>): the interaction
    /// is withdrawn and the task shows <c>running</c> again. Nothing happens if it was answered meanwhile. A runner
    /// whose <see cref="AskAsync"/> is still waiting has no id yet: a record with an empty id and the ask's
    /// <see cref="InteractionFingerprint"/> names it.
    /// </summary>
    Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken);

    /// <summary>Messages people send into the session, in the order sent; the runner delivers each, then calls <see cref="MessageDeliveredAsync"/>.</summary>
    ChannelReader<SteeringMessage> Messages { get; }

    /// <summary>Records that a message reached the agent's process.</summary>
    Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Fires when a person pauses the task: the runner interrupts the agent gracefully, keeping its session, and
    /// returns. A runner that does not watch it is stopped like any attempt after the grace period.
    /// </summary>
    CancellationToken PauseRequested { get; }
}
