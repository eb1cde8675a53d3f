using Baton.Core.Application;
using Baton.Core.Storage;
using Baton.Daemon;

namespace Baton.Cli;

/// <summary>
/// How a command tells the nodes that it changed the store: this machine's daemon, which passes the word on to the
/// other nodes of a shared store; with no daemon here (a machine that only points its commands at the team's
/// database), the command announces to the other nodes itself and waits for the announcement to go out before it
/// exits, so that a cancel, an answer or a drain reaches the node concerned at once rather than at its next beat.
/// </summary>
internal sealed class CliWorkNotifier(DaemonClient daemon, IQueueAnnouncer? announcer) : IWorkNotifier
{
    /// <summary>How long a command waits for its announcement to go out; the nodes poll anyway.</summary>
    private static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
    {
        if (await daemon.TryNotifyAsync(change, cancellationToken) || announcer is null)
        {
            return;
        }

        announcer.Announce(change);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(FlushLimit);
        try
        {
            await announcer.FlushAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The database is slow or gone: the nodes see the change at their next poll.
        }
    }
}
