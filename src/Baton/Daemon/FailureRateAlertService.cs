using Baton.Core.Alerts;
using Baton.Core.Cluster;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Checks baton.json's failure-rate alerts for the daemon's lifetime, on one node of the cluster at a time (the holder
/// of the alerts lease). With no rules configured it does nothing.
/// </summary>
internal sealed class FailureRateAlertService(FailureRateAlerts alerts, ClusterDuties duties) : BackgroundService
{
    // Without rules the duty is not run at all: its work would end at once and the lease be taken and given back each turn.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        alerts.HasRules ? duties.For(ClusterDutyNames.Alerts).RunAsync(alerts.RunAsync, stoppingToken) : Task.CompletedTask;
}
