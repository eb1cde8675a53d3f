using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Runs the store's background upkeep (SQLite: WAL checkpoints) for the daemon's lifetime, if it has any.</summary>
internal sealed class StoreMaintenanceService(IEnumerable<IStoreMaintenance> maintenance) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(maintenance.Select(m => m.RunAsync(stoppingToken)));
}
