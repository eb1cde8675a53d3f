using Baton.Core.Events;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Prunes the event log for the daemon's lifetime: at start-up, then hourly (events.retention_days).</summary>
internal sealed class EventRetentionService(EventPruner pruner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pruner.RunAsync(stoppingToken);
}
