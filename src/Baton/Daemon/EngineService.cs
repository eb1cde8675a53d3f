using Baton.Core.Engine;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// Runs the engine for the host's lifetime; the host's stop token starts its graceful shutdown, and so does a data
/// directory deleted under the daemon (no more work is claimed from a store no one can read again).
/// </summary>
internal sealed class EngineService(BatonEngine engine, DataDirectoryGuard guard) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, guard.Tripped);
        await engine.RunAsync(stop.Token);
    }
}
