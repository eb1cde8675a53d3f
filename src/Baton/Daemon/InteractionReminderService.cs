using Baton.Core.Cluster;
using Baton.Core.Interactions;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Reminds people of interactions that still wait, for the daemon's lifetime, on one node of the cluster at a time
/// (the holder of the reminders lease).
/// </summary>
internal sealed class InteractionReminderService(InteractionReminders reminders, ClusterDuties duties) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        duties.For(ClusterDutyNames.Reminders).RunAsync(reminders.RunAsync, stoppingToken);
}
