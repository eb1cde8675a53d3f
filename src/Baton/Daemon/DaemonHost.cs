using Baton.Configuration;
using Baton.Core.Engine;
using Baton.Core.Processes;
using Baton.Core.Events;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
using Baton.Core.Runners.Command;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Baton.Access;
using Baton.Api;
using Baton.Mcp;
using Baton.Webhooks;
using Baton.Core.Application;
using Baton.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// <c>baton serve</c>: takes the data directory's lock, opens the store, and runs the engine, the wake-up socket and
/// the HTTP server (REST under /api/v1, MCP at /mcp) until SIGTERM or Ctrl+C, then shuts down gracefully (running
/// attempts are stopped and re-queued).
/// </summary>
internal static partial class DaemonHost
{
    /// <param name="settings">The resolved settings.</param>
    /// <param name="movePortOffBaton">
    /// Started in the background by a command: if another Baton daemon holds the configured port, take a free one.
    /// </param>
    /// <param name="cancellationToken">Stops the daemon.</param>
    public static async Task RunAsync(BatonSettings settings, bool movePortOffBaton = false, CancellationToken cancellationToken = default)
    {
        // Before the lock file, the socket and the database are opened: they must not appear in an open folder.
        var tightened = settings.SecureHome();
        using var daemonLock = DaemonLock.Acquire(settings);
        // Before any process is started: a subreaper must be one before the orphans it is to adopt exist.
        var containment = ProcessContainment.Establish(settings.Containment);
        // Before anything starts (the engine would claim work): a taken port is refused with a one-line message.
        var moves = new List<string>();
        settings = settings with { Urls = await ListenCheck.EnsureFreeAsync(settings.Urls, movePortOffBaton, moves.Add, cancellationToken) };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = settings.Home, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) ? level : LogLevel.Information);
        // ASP.NET Core's own request logs are noise at Information; its warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A failed start is reported by this class in one line; the host's own report is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.QuietMcpSdk();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Engine.StopGracePeriod + TimeSpan.FromSeconds(15));
        builder.WebHost.UseUrls([.. settings.Urls]);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Engine);
        services.AddSingleton<DispatchSignal>();
        services.AddBatonStore(StoreSelection.Options(settings) with { BackgroundMaintenance = true });
        var environment = TaskBaseEnvironment.For(settings, AttemptEnvironment.OfCurrentProcess(), DaemonLauncher.SelfExecutable());
        services.AddSingleton<IRunner>(new CommandRunner(environment));
        services.AddSingleton<IRunner>(new ClaudeRunner(environment, settings.ClaudePath));
        services.AddSingleton<IRunner>(new CodexRunner(environment, settings.CodexPath));
        services.AddSingleton<IRunner>(new GeminiRunner(environment, settings.GeminiPath));
        services.AddSingleton(sp => new RunnerRegistry(sp.GetServices<IRunner>()));
        services.AddSingleton<BatonEngine>();
        // Once-per-cluster work runs on the node holding its lease, held under this node's worker id.
        services.AddSingleton(sp => new Core.Cluster.ClusterDuties(
            sp.GetRequiredService<IClusterLeaseStore>(),
            WorkerIdentity.ForCurrentProcess(),
            new Core.Cluster.ClusterDutyTiming { LeaseDuration = settings.Engine.LeaseDuration, RenewInterval = settings.Engine.LeaseRenewInterval },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new DataDirectoryGuard(
            daemonLock.Handle, settings.LockPath, settings.DatabasePath, TimeProvider.System, sp.GetRequiredService<ILogger<DataDirectoryGuard>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DataDirectoryGuard>());
        services.AddEventConsumers(settings);
        services.AddHostedService<EngineService>();
        services.AddHostedService<StoreMaintenanceService>();
        services.AddHostedService(sp => new WakeListener(
            settings.SocketPath, sp.GetRequiredService<DispatchSignal>(), sp.GetRequiredService<IEventStore>().Changes, sp.GetRequiredService<ILogger<WakeListener>>()));
        AddApplication(services);
        services.AddBatonAccess(settings);
        services.AddBatonApi();
        services.AddBatonMcpHttp();
        services.AddBatonWebhooks(settings.Webhooks);

        await using var app = builder.Build();
        // Nothing has started yet: the schema first, then the stores are made.
        await app.Services.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
        // Also before anything starts: an address other machines can reach needs an API token to check callers with.
        await AccessControl.EnsureCanServeAsync(settings, app.Services.GetRequiredService<ITokenStore>(), cancellationToken);
        // Host, Origin and the caller first: a foreign page or another account learns nothing, not even that the
        // data directory is gone.
        app.UseBatonAccess();
        app.UseDataDirectoryGate();
        app.MapBatonApi();
        app.MapBatonMcp();

        var engine = app.Services.GetRequiredService<BatonEngine>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new BatonException(ErrorKind.Unavailable,
                $"cannot serve on {string.Join(", ", settings.Urls)}: {ex.Message.TrimEnd('.')}. Another program (or another Baton daemon with another BATON_HOME) may use the port; "
                + "choose another with BATON_URLS or \"urls\" in baton.json", ex);
        }

        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        DaemonLock.WriteInfo(settings, new DaemonInfo(
            Environment.ProcessId, TimeProvider.System.GetUtcNow(), settings.DatabasePath, settings.Engine.Workers, engine.WorkerId, urls, containment.Description));
        if (tightened.Count > 0)
        {
            LogTightened(app.Logger, Environment.UserName, string.Join("; ", tightened));
        }

        foreach (var move in moves)
        {
            LogMoved(app.Logger, move);
        }

        app.Logger.LogInformation("Serving HTTP on {Urls}", string.Join(", ", urls));
        await app.WaitForShutdownAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the data directory private to {User}; other accounts could read it: {Paths}")]
    private static partial void LogTightened(ILogger logger, string user, string paths);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Move}")]
    private static partial void LogMoved(ILogger logger, string move);

    /// <summary>The application layer that REST and MCP call: the same services the CLI uses, with the engine told in-process.</summary>
    private static void AddApplication(IServiceCollection services)
    {
        services.AddSingleton<IWorkNotifier>(sp => new DispatchSignalNotifier(sp.GetRequiredService<DispatchSignal>()));
        services.AddSingleton<TaskService>();
        services.AddSingleton(sp => new Core.Logs.AttemptLogReader(sp.GetService<IAttemptLogStore>()));
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<EventFeed>();
        services.AddSingleton<Core.Notifications.NotificationService>();
    }
}
