using System.Collections.Concurrent;
using System.Threading.Channels;
using Baton.Core.Interactions;

namespace Baton.AgentCli.Tests.Gemini;

/// <summary>
/// An in-memory <see cref="IAttemptConversation"/>: every ask is recorded and answered by <see cref="Decide"/>;
/// messages sent with <see cref="Send"/> go to the runner; deliveries are recorded.
/// </summary>
internal sealed class ScriptedConversation : IAttemptConversation
{
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>();
    private readonly CancellationTokenSource pause = new();

    /// <summary>How a person answers each ask.</summary>
    public Func<InteractionAsk, InteractionResponse> Decide { get; init; } =
        _ => new InteractionResponse { Decision = InteractionDecision.Approve, RespondedBy = "tester" };

    public ConcurrentQueue<InteractionAsk> Asked { get; } = new();

    public ConcurrentQueue<InteractionRecord> Delivered { get; } = new();

    public ConcurrentQueue<SteeringMessage> MessagesDelivered { get; } = new();

    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    public CancellationToken PauseRequested => pause.Token;

    public Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        Asked.Enqueue(ask);
        return Task.FromResult(new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Answered,
            Fingerprint = InteractionFingerprint.Of(ask),
            CreatedAt = DateTimeOffset.UnixEpoch,
            Response = Decide(ask),
        });
    }

    public Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken)
    {
        Delivered.Enqueue(answered);
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken)
    {
        MessagesDelivered.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>A person sends <paramref name="text"/> into the session.</summary>
    public void Send(string text) =>
        messages.Writer.TryWrite(new SteeringMessage("msg_" + Guid.NewGuid().ToString("N")[..12], "task", text, "tester", DateTimeOffset.UnixEpoch));

    /// <summary>A person pauses the task.</summary>
    public void Pause() => pause.Cancel();
}
