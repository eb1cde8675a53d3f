using System.Threading.Channels;
using Baton.Core.Interactions;

namespace Baton.AgentCli.Tests.Interactive;

/// <summary>
/// An in-memory <see cref="IAttemptConversation"/> for testing a runner: it records what the agent asked and answers
/// each ask with <see cref="Respond"/> (a person's answer, given at once), records deliveries and withdrawals, and lets
/// a test send messages into the session and pause it. The store-backed conversation is the engine's; this only
/// checks what the runner does with the port.
/// </summary>
internal sealed class ScriptedConversation : IAttemptConversation, IDisposable
{
    private readonly object gate = new();
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>();
    private readonly CancellationTokenSource pause = new();
    private readonly List<InteractionAsk> asks = [];
    private readonly List<InteractionRecord> delivered = [];
    private readonly List<InteractionRecord> withdrawn = [];
    private readonly List<SteeringMessage> deliveredMessages = [];

    /// <summary>How a person answers each ask; null leaves it waiting until the run stops or is paused.</summary>
    public Func<InteractionAsk, InteractionResponse?> Respond { get; set; } = _ => Approve();

    public IReadOnlyList<InteractionAsk> Asks => Snapshot(asks);

    public IReadOnlyList<InteractionRecord> Delivered => Snapshot(delivered);

    public IReadOnlyList<InteractionRecord> Withdrawn => Snapshot(withdrawn);

    public IReadOnlyList<SteeringMessage> DeliveredMessages => Snapshot(deliveredMessages);

    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    public CancellationToken PauseRequested => pause.Token;

    public static InteractionResponse Approve(string? feedback = null, bool remember = false) =>
        new() { Decision = InteractionDecision.Approve, Message = feedback, Remember = remember, RespondedBy = "tester" };

    public static InteractionResponse Deny(string? message = null) =>
        new() { Decision = InteractionDecision.Deny, Message = message, RespondedBy = "tester" };

    public static InteractionResponse Answer(IReadOnlyDictionary<string, string> answers) =>
        new() { Decision = InteractionDecision.Answer, Answers = answers, RespondedBy = "tester" };

    public async Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            asks.Add(ask);
        }

        var response = Respond(ask);
        if (response is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Answered,
            Fingerprint = InteractionFingerprint.Of(ask),
            CreatedAt = TimeProvider.System.GetUtcNow(),
            Response = response,
            ClosedAt = TimeProvider.System.GetUtcNow(),
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

    public Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            withdrawn.Add(open);
        }

        return Task.CompletedTask;
    }

    public Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            deliveredMessages.Add(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends a message into the running session, as <c>baton task intervene</c> does.</summary>
    public void Send(string text) =>
        messages.Writer.TryWrite(new SteeringMessage("msg_" + Guid.NewGuid().ToString("N")[..12], "task", text, "tester", TimeProvider.System.GetUtcNow()));

    /// <summary>Pauses the task, as <c>baton task pause</c> does.</summary>
    public void Pause() => pause.Cancel();

    public void Dispose() => pause.Dispose();

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (gate)
        {
            return [.. list];
        }
    }
}
