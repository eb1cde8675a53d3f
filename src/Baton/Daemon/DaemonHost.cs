using Baton.Configuration;
using Baton.Core.Engine;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
using Baton.Core.Runners.Command;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// <c>baton serve</c>: takes the data directory's lock, opens the store, and runs the engine and the wake-up
/// socket until SIGTERM or Ctrl+C, then shuts down gracefully (running attempts are stopped and re-queued).
/// </summary>
internal static class DaemonHost
{
    public static async Task RunAsync(BatonSettings settings, CancellationToken cancellationToken = default)
    {
        using var daemonLock = DaemonLock.Acquire(settings);
        var storeOptions = new SqliteStoreOptions
        {
            DatabasePath = settings.DatabasePath,
            SynchronousFull = settings.SynchronousFull,
            CheckpointInBackground = true,
        };
        await new SqliteTaskStore(storeOptions).InitializeAsync(cancellationToken);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = settings.Home });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) ? level : LogLevel.Information);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Engine.StopGracePeriod + TimeSpan.FromSeconds(15));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Engine);
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<IAttemptStore>(new SqliteAttemptStore(storeOptions));
        var environment = AttemptEnvironment.OfCurrentProcess();
        services.AddSingleton<IRunner>(new CommandRunner(environment));
        services.AddSingleton<IRunner>(new ClaudeRunner(environment, settings.ClaudePath));
        services.AddSingleton<IRunner>(new CodexRunner(environment, settings.CodexPath));
        services.AddSingleton<IRunner>(new GeminiRunner(environment, settings.GeminiPath));
        services.AddSingleton(sp => new RunnerRegistry(sp.GetServices<IRunner>()));
        services.AddSingleton<BatonEngine>();
        services.AddHostedService<EngineService>();
        services.AddSingleton(sp => new SqliteCheckpointer(storeOptions, TimeProvider.System, sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
        services.AddHostedService<CheckpointService>();
        services.AddHostedService(sp => new WakeListener(settings.SocketPath, sp.GetRequiredService<DispatchSignal>(), sp.GetRequiredService<ILogger<WakeListener>>()));

        using var host = builder.Build();
        var engine = host.Services.GetRequiredService<BatonEngine>();
        DaemonLock.WriteInfo(settings, new DaemonInfo(
            Environment.ProcessId, TimeProvider.System.GetUtcNow(), settings.DatabasePath, settings.Engine.Workers, engine.WorkerId));
        await host.RunAsync(cancellationToken);
    }
}
