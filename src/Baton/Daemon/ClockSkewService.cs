using Baton.Core.Cluster;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Runs the node's clock comparison with the database server for the daemon's lifetime (a shared database only).</summary>
internal sealed class ClockSkewService(ClockSkewWatch watch) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.RunAsync(stoppingToken);
}
