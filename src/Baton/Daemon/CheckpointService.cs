using Baton.Storage.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Runs the store's background WAL checkpoints for the daemon's lifetime.</summary>
internal sealed class CheckpointService(SqliteCheckpointer checkpointer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => checkpointer.RunAsync(stoppingToken);
}
