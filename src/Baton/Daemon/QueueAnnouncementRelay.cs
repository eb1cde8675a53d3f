using Baton.Core.Engine;
using Baton.Core.Events;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Wakes this node's dispatcher when another node announces queued work or a person's request of a running task (a
/// store shared across machines); without an announcer (one machine) it does nothing and the daemon's socket does the
/// same job.
/// </summary>
internal sealed class QueueAnnouncementRelay(DispatchSignal signal, IQueueAnnouncer? announcer = null) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        announcer is null
            ? Task.CompletedTask
            : Task.WhenAll(
                RelayAsync(announcer.Announced, signal.NotifyWorkQueued, stoppingToken),
                RelayAsync(announcer.AttentionAnnounced, signal.NotifyAttention, stoppingToken));

    private static async Task RelayAsync(IChangeSignal announced, Action notify, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = announced.Next();
            try
            {
                await next.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            notify();
        }
    }
}
