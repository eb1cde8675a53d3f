using Baton.Core.Cluster;
using Baton.Core.Schedules;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Fires schedules for the daemon's lifetime, on one node of the cluster at a time (the holder of the scheduler lease).</summary>
internal sealed class SchedulerService(Scheduler scheduler, ClusterDuties duties) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        duties.For(ClusterDutyNames.Scheduler).RunAsync(scheduler.RunAsync, stoppingToken);
}
