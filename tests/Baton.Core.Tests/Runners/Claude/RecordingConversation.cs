using System.Threading.Channels;
using Baton.Core.Interactions;

namespace Baton.Core.Tests.Runners.Claude;

/// <summary>An in-memory conversation that answers every ask with <see cref="Response"/> and records what happened.</summary>
internal sealed class RecordingConversation : IAttemptConversation
{
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>();
    private readonly List<string> events = [];

    /// <summary>The answer to every ask; null leaves each ask waiting until it is cancelled.</summary>
    public InteractionResponse? Response { get; init; } = new() { Decision = InteractionDecision.Approve, RespondedBy = "tester" };

    /// <summary>What happened, in order: <c>ask: summary</c>, <c>delivered: summary</c>, <c>withdrawn: summary</c>, <c>cancelled: summary</c>.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    public CancellationToken PauseRequested => CancellationToken.None;

    public async Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        Add("ask: " + ask.Summary);
        if (Response is null)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Add("cancelled: " + ask.Summary);
                throw;
            }
        }

        return new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Answered,
            Fingerprint = InteractionFingerprint.Of(ask),
            CreatedAt = DateTimeOffset.UnixEpoch,
            Response = Response,
        };
    }

    public Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken)
    {
        Add("delivered: " + answered.Ask.Summary);
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken)
    {
        Add($"withdrawn: {open.Ask.Summary} ({open.Fingerprint == InteractionFingerprint.Of(open.Ask)})");
        return Task.CompletedTask;
    }

    public Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    private void Add(string text)
    {
        lock (events)
        {
            events.Add(text);
        }
    }
}
