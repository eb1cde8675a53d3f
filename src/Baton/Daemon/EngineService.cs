using Baton.Core.Engine;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>Runs the engine for the host's lifetime; the host's stop token starts its graceful shutdown.</summary>
internal sealed class EngineService(BatonEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
