using Baton.Core.Engine;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Wakes this node's dispatcher when another node announces queued work (a store shared across machines); without an
/// announcer (one machine) it does nothing and the daemon's socket does the same job.
/// </summary>
internal sealed class QueueAnnouncementRelay(DispatchSignal signal, IQueueAnnouncer? announcer = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (announcer is null)
        {
            return;
        }

        var announced = announcer.Announced;
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

            signal.NotifyWorkQueued();
        }
    }
}
