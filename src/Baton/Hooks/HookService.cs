using Baton.Configuration;
using Baton.Core.Events;
using Baton.Core.Hooks;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Hooks;

/// <summary>
/// Runs baton.json's hooks in the daemon. It follows the event log from where the log ended when the daemon started:
/// at most once — events appended while no daemon ran, and hooks that were running when it stopped, are not run
/// again. It starts before the engine, so that nothing the engine does at start-up (rescues) is missed.
/// </summary>
internal sealed class HookService(BatonSettings settings, IEventStore store, EventFeed feed, HookDispatcher dispatcher) : BackgroundService
{
    private long start;

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
            : dispatcher.RunAsync(feed.SubscribeAsync(start, dispatcher.Filter, stoppingToken), stoppingToken);
}
