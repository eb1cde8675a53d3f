using Baton.Configuration;
using Baton.Core.Cluster;
using Baton.Core.Events;
using Baton.Core.Hooks;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Hooks;

/// <summary>
/// Runs baton.json's hooks in the daemon. It follows the event log from where the log ended when the daemon started:
/// at most once — events appended while no daemon ran, and hooks that were running when it stopped, are not run
/// again. It starts before the engine, so that nothing the engine does at start-up (rescues) is missed. In a cluster
/// one node runs the hooks: the holder of the hooks lease (baton workers shows which).
/// </summary>
internal sealed class HookService(BatonSettings settings, IEventStore store, EventFeed feed, HookDispatcher dispatcher, ClusterDuties duties) : BackgroundService
{
    private long start;
    private bool taken;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Hooks.Count > 0)
        {
            start = await store.LatestIdAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        settings.Hooks.Count == 0
            ? Task.CompletedTask
            : duties.For(ClusterDutyNames.Hooks).RunAsync(RunHooksAsync, stoppingToken);

    /// <summary>
    /// Runs while this node holds the hooks lease. The first holder follows from where the log ended when it started;
    /// a node that takes over later follows from where the log ends then (at most once: events between the old
    /// holder's end and the takeover run no hook).
    /// </summary>
    private async Task RunHooksAsync(CancellationToken held)
    {
        var from = taken ? await store.LatestIdAsync(held) : start;
        taken = true;
        await dispatcher.RunAsync(feed.SubscribeAsync(from, dispatcher.Filter, held), held);
    }
}
