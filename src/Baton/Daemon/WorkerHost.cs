using Baton.Configuration;
using Baton.Core.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// <c>baton worker</c>: a daemon without HTTP. It takes the data directory's lock like <c>baton serve</c> (one per
/// data directory on a machine), and hosts everything a worker needs — the engine with its heartbeats, leases and
/// rescue, the wake-up socket that CLI commands on this machine use, event consumers and webhook delivery — but no
/// listener: its API is the store, read and changed by any node's CLI, REST or MCP.
/// </summary>
internal static partial class WorkerHost
{
    public static async Task RunAsync(BatonSettings settings, CancellationToken cancellationToken = default)
    {
        // The same order as the daemon's: a private folder, the lock, containment, then the store.
        var tightened = settings.SecureHome();
        using var daemonLock = DaemonLock.Acquire(settings);
        var containment = ProcessContainment.Establish(settings.Containment);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = settings.Home, Args = [], DisableDefaults = true });
        NodeServices.ConfigureLogging(builder.Logging);
        NodeServices.AddNode(builder.Services, settings, daemonLock);

        using var host = builder.Build();
        var workerId = await NodeServices.PrepareAsync(host.Services, cancellationToken);
        await host.StartAsync(cancellationToken);
        DaemonLock.WriteInfo(settings, new DaemonInfo(
            Environment.ProcessId, TimeProvider.System.GetUtcNow(), NodeServices.StoreForPeople(settings, host.Services), settings.Engine.Workers, workerId, [], containment.Description));
        var logger = host.Services.GetRequiredService<ILogger<BatonSettingsLog>>();
        if (tightened.Count > 0)
        {
            LogTightened(logger, Environment.UserName, string.Join("; ", tightened));
        }

        LogRunning(logger, settings.Engine.NodeName, settings.Engine.Workers);
        await host.WaitForShutdownAsync(cancellationToken);
        ServiceFailures.ThrowIfAny(host.Services);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the data directory private to {User}; other accounts could read it: {Paths}")]
    private static partial void LogTightened(ILogger logger, string user, string paths);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Name} running tasks with {Workers} slots; no HTTP listener (use any node's API, or this machine's CLI)")]
    private static partial void LogRunning(ILogger logger, string name, int workers);

    /// <summary>The category of the worker host's own log lines.</summary>
    private sealed class BatonSettingsLog;
}
