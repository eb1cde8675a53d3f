using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Engine;
using Baton.Core.Events;
using Baton.Core.Processes;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Command;
using Baton.Core.Runners.Gemini;
using Baton.Core.Storage;
using Baton.Mcp;
using Baton.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// What every long-lived Baton process of a data directory hosts, with or without HTTP (<c>baton serve</c>,
/// <c>baton worker</c>): its logging, the store, the engine (unless it runs no workers), the data directory's guard,
/// the wake-up socket, event consumers, webhook delivery and the application layer.
/// </summary>
internal static class NodeServices
{
    /// <summary>One line per entry on stderr, UTC times; the level from BATON_LOG_LEVEL (default Information).</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) ? level : LogLevel.Information);
        // ASP.NET Core's own request logs are noise at Information; its warnings and errors still show.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A failed start is reported by the host's caller in one line; the host's own report is a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        logging.QuietMcpSdk();
    }

    /// <summary>Registers the node's services; with no workers (<c>serve --workers 0</c>) no engine runs and no node row is kept.</summary>
    public static void AddNode(IServiceCollection services, BatonSettings settings, DaemonLock daemonLock)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Engine.StopGracePeriod + TimeSpan.FromSeconds(15));
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Engine);
        services.AddSingleton<DispatchSignal>();
        services.AddBatonStore(StoreSelection.Options(settings) with { BackgroundMaintenance = true });
        var environment = TaskBaseEnvironment.For(settings, AttemptEnvironment.OfCurrentProcess(), DaemonLauncher.SelfExecutable());
        services.AddSingleton<IRunner>(new CommandRunner(environment));
        var batonMcp = AgentMcpServers.For(settings);
        services.AddSingleton<IRunner>(new ClaudeRunner(environment, settings.ClaudePath, batonMcp));
        services.AddSingleton<IRunner>(new CodexRunner(environment, settings.CodexPath, batonMcp));
        services.AddSingleton<IRunner>(new GeminiRunner(environment, settings.GeminiPath, batonMcp));
        // The merge hands conflicts to agent tasks; resolved late, since the task service needs the runners.
        services.AddSingleton<IRunner>(sp => new Core.Runners.Merge.MergeRunner(() => sp.GetRequiredService<AgentHelpers>()));
        services.AddSingleton(sp => new RunnerRegistry(sp.GetServices<IRunner>()));
        // Once-per-cluster work (event retention, rescue sweeps, hooks) runs on the node holding its lease, held under
        // this node's worker id.
        services.AddSingleton(sp => new Core.Cluster.ClusterDuties(
            sp.GetRequiredService<IClusterLeaseStore>(),
            WorkerIdentity.ForCurrentProcess(),
            new Core.Cluster.ClusterDutyTiming { LeaseDuration = settings.Engine.LeaseDuration, RenewInterval = settings.Engine.LeaseRenewInterval },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        // The database file is watched only where it is in the data directory; a server's database is not this node's.
        services.AddSingleton(sp => new DataDirectoryGuard(
            daemonLock.Handle, settings.LockPath, settings.DatabaseServer is null ? settings.DatabasePath : null, TimeProvider.System, sp.GetRequiredService<ILogger<DataDirectoryGuard>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DataDirectoryGuard>());
        services.AddEventConsumers(settings);
        if (RunsTasks(settings))
        {
            services.AddSingleton<BatonEngine>();
            services.AddHostedService<EngineService>();
            services.AddHostedService(sp => new QueueAnnouncementRelay(sp.GetRequiredService<DispatchSignal>(), sp.GetService<IQueueAnnouncer>()));
        }

        services.AddHostedService<StoreMaintenanceService>();
        if (settings.DatabaseServer is not null)
        {
            // Nodes judge one another's leases by their own clocks: say in the log when this one drifts.
            services.AddSingleton<Core.Cluster.ClockSkewWatch>();
            services.AddHostedService<ClockSkewService>();
        }

        services.AddHostedService(sp => new WakeListener(
            settings.SocketPath, sp.GetRequiredService<DispatchSignal>(), sp.GetRequiredService<IEventStore>().Changes, sp.GetRequiredService<ILogger<WakeListener>>(),
            sp.GetService<IQueueAnnouncer>()));
        services.AddSingleton<IWorkNotifier>(sp => new AnnouncingWorkNotifier(
            new DispatchSignalNotifier(sp.GetRequiredService<DispatchSignal>()), sp.GetService<IQueueAnnouncer>()));
        services.AddSingleton<WorkerService>();
        services.AddSingleton<TaskService>();
        services.AddSingleton(sp => new SessionHandoffService(
            sp.GetRequiredService<TaskService>(), ResolveAgent(settings), sp.GetService<ICapsuleStore>()));
        services.AddSingleton<StatsService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton(sp => new AgentHelpers(sp.GetRequiredService<TaskService>(), ResolveAgent(settings)));
        services.AddSingleton(sp => new InteractionService(
            sp.GetRequiredService<IInteractionStore>(), sp.GetRequiredService<TaskService>(), sp.GetRequiredService<IWorkNotifier>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<IPhaseGates>(), ResolveAgent(settings)));
        // Open interactions are raised again hourly until answered, by one node of a cluster.
        services.AddSingleton<Core.Interactions.InteractionReminders>();
        services.AddHostedService<InteractionReminderService>();
        // Failure-rate alerts are checked by one node of a cluster, their state kept in the store.
        services.AddSingleton(sp => new Core.Alerts.FailureRateAlerts(
            settings.FailureRateAlerts, sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<IAlertStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Core.Alerts.FailureRateAlerts>>()));
        services.AddHostedService<FailureRateAlertService>();
        services.AddSingleton(sp => new Core.Logs.AttemptLogReader(sp.GetService<IAttemptLogStore>()));
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<IPhaseGates>(provider => provider.GetRequiredService<WorkflowService>());
        services.AddSingleton<EventFeed>();
        services.AddSingleton<Core.Notifications.NotificationService>();
        services.AddBatonWebhooks(settings.Webhooks);
        // Schedules: kept in the store, fired by one node of a cluster.
        services.AddSingleton(sp => ScheduleTasks.Factory(settings, sp.GetRequiredService<TaskService>()));
        services.AddSingleton(sp => WorkflowFileBlueprints.ForSchedules(
            settings, sp.GetRequiredService<TaskService>(), sp.GetRequiredService<WorkflowService>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Core.Schedules.ScheduleWorkflows(
            sp.GetRequiredService<WorkflowService>(), sp.GetRequiredService<Core.Schedules.ScheduleWorkflowFactory>(), Environment.GetEnvironmentVariable("PATH")));
        services.AddSingleton<Core.Schedules.ScheduleFirer>();
        services.AddSingleton<Core.Schedules.Scheduler>();
        services.AddSingleton<ScheduleService>();
        services.AddHostedService<SchedulerService>();
        // Initiatives: stored definitions, run as one workflow each.
        services.AddSingleton(sp => new InitiativeService(
            sp.GetRequiredService<IInitiativeStore>(), sp.GetRequiredService<WorkflowService>(), InitiativeSetup.Hooks(settings), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Finds an agent definition by name from a working directory, as the CLI's --agent does.</summary>
    private static Func<string, string, Core.Agents.AgentDefinition> ResolveAgent(BatonSettings settings) =>
        (name, directory) => TaskPreparation.ResolveAgent(name, directory, settings.AgentDirectories);

    /// <summary>
    /// The store as daemon.json records it: the SQLite file's path, or a database server's description (host, port,
    /// database; never its password).
    /// </summary>
    public static string StoreForPeople(BatonSettings settings, IServiceProvider services) =>
        settings.DatabaseServer is null ? settings.DatabasePath : services.GetRequiredService<IStoreMigrator>().Description;

    /// <summary>Whether the node runs tasks (an engine with slots), or only serves the API.</summary>
    public static bool RunsTasks(BatonSettings settings) => settings.Engine.Workers > 0;

    /// <summary>
    /// Migrates the store, then takes the node's name in the worker registry, before anything starts: a taken name
    /// is refused with a one-line message and no work is claimed. Returns the worker id for daemon.json.
    /// </summary>
    public static async Task<string> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
        if (services.GetService<BatonEngine>() is not { } engine)
        {
            return WorkerIdentity.ForCurrentProcess();
        }

        await engine.RegisterAsync(cancellationToken);
        return engine.WorkerId;
    }
}
