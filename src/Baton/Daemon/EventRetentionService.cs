using Baton.Core.Cluster;
using Baton.Core.Events;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Prunes the event log for the daemon's lifetime: at start-up, then hourly (events.retention_days), on one node of
/// the cluster at a time (the holder of the event-retention lease).
/// </summary>
internal sealed class EventRetentionService(EventPruner pruner, ClusterDuties duties) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        duties.For(ClusterDutyNames.EventRetention).RunAsync(pruner.RunAsync, stoppingToken);
}
