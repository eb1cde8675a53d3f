using System.Threading.Channels;
using Baton.Core.Interactions;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IAttemptConversation"/>: every ask is recorded and answered at once by
/// <paramref name="answer"/> (by default: fail the test, nobody should have been asked), or, where it returns null,
/// left waiting until the runner gives up on it (<see cref="Abandoned"/> counts those); messages are sent with
/// <see cref="Send"/> and a pause with <see cref="Pause"/>; what the runner delivered is recorded.
/// </summary>
internal sealed class ScriptedConversation(Func<InteractionAsk, InteractionResponse?>? answer = null) : IAttemptConversation, IDisposable
{
    private readonly object gate = new();
    private readonly List<InteractionAsk> asks = [];
    private readonly List<InteractionRecord> delivered = [];
    private readonly List<SteeringMessage> deliveredMessages = [];
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>();
    private readonly CancellationTokenSource pause = new();
    private int abandoned;

    /// <summary>Asks left waiting that the runner cancelled.</summary>
    public int Abandoned => Volatile.Read(ref abandoned);

    public IReadOnlyList<InteractionAsk> Asks
    {
        get
        {
            lock (gate)
            {
                return [.. asks];
            }
        }
    }

    public IReadOnlyList<InteractionRecord> Delivered
    {
        get
        {
            lock (gate)
            {
                return [.. delivered];
            }
        }
    }

    public IReadOnlyList<SteeringMessage> DeliveredMessages
    {
        get
        {
            lock (gate)
            {
                return [.. deliveredMessages];
            }
        }
    }

    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    public CancellationToken PauseRequested => pause.Token;

    /// <summary>An approval, optionally remembered for the session, by a test user.</summary>
    public static InteractionResponse Approve(bool remember = false) =>
        new() { Decision = InteractionDecision.Approve, Remember = remember, RespondedBy = "test" };

    /// <summary>A denial with a reason, by a test user.</summary>
    public static InteractionResponse Deny(string? message = null) =>
        new() { Decision = InteractionDecision.Deny, Message = message, RespondedBy = "test" };

    /// <summary>An answer to a question, keyed by the question's text.</summary>
    public static InteractionResponse Answer(string question, string value) =>
        new() { Decision = InteractionDecision.Answer, Answers = new Dictionary<string, string> { [question] = value }, RespondedBy = "test" };

    public async Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            asks.Add(ask);
        }

        var response = (answer ?? throw new InvalidOperationException($"nobody should have been asked, but the agent asked: {ask.Summary}"))(ask);
        if (response is null)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref abandoned);
            }
        }

        return new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Answered,
            Fingerprint = InteractionFingerprint.Of(ask),
            CreatedAt = DateTimeOffset.UnixEpoch,
            Response = response,
        };
    }

    public Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            delivered.Add(answered);
        }

        return Task.CompletedTask;
    }

    public Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            deliveredMessages.Add(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends a message into the session, as <c>baton task intervene</c> does.</summary>
    public void Send(string text) =>
        messages.Writer.TryWrite(new SteeringMessage("msg_" + Guid.NewGuid().ToString("N")[..12], "t", text, "test", DateTimeOffset.UnixEpoch));

    /// <summary>Pauses the task, as <c>baton task pause</c> does.</summary>
    public void Pause() => pause.Cancel();

    public void Dispose() => pause.Dispose();
}
