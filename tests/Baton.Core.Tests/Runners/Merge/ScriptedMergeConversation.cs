using System.Threading.Channels;
using Baton.Core.Interactions;

namespace Baton.Core.Tests.Runners.Merge;

/// <summary>A conversation whose person does what the test says on each ask (edit the worktree, say) and then answers.</summary>
internal sealed class ScriptedMergeConversation(Func<InteractionAsk, InteractionResponse> person) : IAttemptConversation
{
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>();

    /// <summary>Everything asked, in order.</summary>
    public List<InteractionAsk> Asks { get; } = [];

    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    public CancellationToken PauseRequested => CancellationToken.None;

    public Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        Asks.Add(ask);
        return Task.FromResult(new InteractionRecord
        {
            Id = InteractionIds.New(),
            Ask = ask,
            Status = InteractionStatus.Answered,
            Fingerprint = InteractionFingerprint.Of(ask),
            CreatedAt = DateTimeOffset.UnixEpoch,
            Response = person(ask),
        });
    }

    public Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
