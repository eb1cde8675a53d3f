using Baton.Core.Cluster;
using Baton.Core.Engine;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Runs the engine for the host's lifetime; the host's stop token starts its graceful shutdown, and so does a data
/// directory deleted under the daemon (no more work is claimed from a store no one can read again).
/// </summary>
/// <remarks>
/// The recurring rescue sweep is once-per-cluster work: this node sweeps while it holds the rescue lease, which it
/// seeks for as long as the engine runs.
/// </remarks>
internal sealed class EngineService(BatonEngine engine, DataDirectoryGuard guard, ClusterDuties duties, IQueueAnnouncer? announcer = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, guard.Tripped);
        var rescue = duties.For(ClusterDutyNames.Rescue);
        engine.SweepsForRescue = () => rescue.IsHeld;
        if (announcer is not null)
        {
            engine.AnnounceQueued = announcer.Announce;
        }

        var holding = rescue.RunAsync(held => Task.Delay(Timeout.InfiniteTimeSpan, held), stop.Token);
        try
        {
            await engine.RunAsync(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await holding;
        }
    }
}
