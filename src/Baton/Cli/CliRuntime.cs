using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Storage;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
using Baton.Core.Runners.Command;
using Baton.Daemon;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli;

/// <summary>What a task command works with: settings, the store (opened and migrated), and the application layer.</summary>
internal sealed class CliRuntime
{
    private CliRuntime(BatonSettings settings, IServiceProvider stores, DaemonClient daemon)
    {
        Settings = settings;
        Stores = stores;
        Store = stores.GetRequiredService<ITaskStore>();
        Events = stores.GetRequiredService<IEventStore>();
        Logs = new AttemptLogReader(stores.GetService<IAttemptLogStore>());
        Daemon = daemon;
        var notifier = new CliWorkNotifier(daemon, stores.GetService<IQueueAnnouncer>());
        // The CLI knows the runners' names to validate tasks; the daemon's own registry runs them.
        Workers = new WorkerService(stores.GetRequiredService<IWorkerStore>(), TimeProvider.System, notifier);
        var interactions = stores.GetRequiredService<IInteractionStore>();
        Tasks = new TaskService(Store, notifier, Runners(), TimeProvider.System, Workers, interactions);
        Workflows = new WorkflowService(stores.GetRequiredService<IWorkflowStore>(), Store, notifier, Runners(), TimeProvider.System);
        // A phase gate answered as an interaction is decided by the workflow layer.
        Interactions = new InteractionService(
            interactions, Tasks, notifier, TimeProvider.System, Workflows, (name, directory) => TaskPreparation.ResolveAgent(name, directory, settings.AgentDirectories));
        var schedules = stores.GetRequiredService<IScheduleStore>();
        var build = ScheduleTasks.Factory(settings, Tasks);
        var scheduleWorkflows = new Core.Schedules.ScheduleWorkflows(Workflows, WorkflowFileBlueprints.ForSchedules(settings, Tasks, Workflows, TimeProvider.System), Environment.GetEnvironmentVariable("PATH"));
        Schedules = new ScheduleService(
            schedules, new Core.Schedules.ScheduleFirer(schedules, Store, build, notifier, TimeProvider.System, scheduleWorkflows), build, TimeProvider.System, scheduleWorkflows);
        Stats = new StatsService(Store, TimeProvider.System);
        Sessions = new SessionService(stores.GetRequiredService<ISessionStore>(), stores.GetRequiredService<ICapsuleStore>(), Tasks);
        Handoffs = new SessionHandoffService(
            Tasks, (name, directory) => TaskPreparation.ResolveAgent(name, directory, settings.AgentDirectories), stores.GetService<ICapsuleStore>());
        Initiatives = new InitiativeService(stores.GetRequiredService<IInitiativeStore>(), Workflows, InitiativeSetup.Hooks(settings), TimeProvider.System);
    }

    /// <summary>Initiatives and their streams; the daemon runs their workflows.</summary>
    public InitiativeService Initiatives { get; }

    /// <summary>Forks and handoffs: work moved from one agent session to another.</summary>
    public SessionHandoffService Handoffs { get; }

    /// <summary>Schedules, kept in the store; the daemon fires them.</summary>
    public ScheduleService Schedules { get; }

    public BatonSettings Settings { get; }

    /// <summary>The store's ports, opened and migrated (for reading only where this process may not write).</summary>
    public IServiceProvider Stores { get; }

    /// <summary>The runners the daemon has, by name; the CLI only validates against them.</summary>
    public static RunnerRegistry Runners() =>
        new([
            new CommandRunner(new Dictionary<string, string>()),
            new ClaudeRunner(new Dictionary<string, string>()),
            new CodexRunner(new Dictionary<string, string>()),
            new GeminiRunner(new Dictionary<string, string>()),
            // An initiative's workflow merges its stream branches with the built-in merge runner.
            new Core.Runners.Merge.MergeRunner(),
        ]);

    public ITaskStore Store { get; }

    /// <summary>The event log, read directly: the live views (watch, logs --follow) need no daemon.</summary>
    public IEventStore Events { get; }

    /// <summary>Attempt logs, from the shared store where it keeps them, else from this machine's files.</summary>
    public AttemptLogReader Logs { get; }

    /// <summary>Who the CLI acts for, recorded on what it creates.</summary>
    public static string Caller => $"cli:{Environment.UserName}";

    public DaemonClient Daemon { get; }

    public TaskService Tasks { get; }

    /// <summary>The worker nodes that share the store.</summary>
    public WorkerService Workers { get; }

    public WorkflowService Workflows { get; }

    /// <summary>Statistics of the tasks that ended recently.</summary>
    public StatsService Stats { get; }

    /// <summary>Agent sessions and the capsules saved in them.</summary>
    public SessionService Sessions { get; }

    /// <summary>What tasks and phases wait for people to answer.</summary>
    public InteractionService Interactions { get; }

    public static async Task<CliRuntime> OpenAsync(CancellationToken cancellationToken = default)
    {
        var settings = SettingsLoader.Load();
        var stores = await CliStore.OpenAsync(settings, cancellationToken: cancellationToken);
        return new CliRuntime(settings, stores, new DaemonClient(settings.SocketPath));
    }

    /// <summary>
    /// For commands that wait on work (wait, logs --follow, watch): work that has not ended needs a daemon to end, so
    /// one is started as <c>task add</c> would (saying so) rather than waiting forever on a dead one; with
    /// <paramref name="noStart"/> (<c>--no-start</c>) the command fails instead.
    /// </summary>
    public Task EnsureDaemonForAsync(bool unfinished, bool noStart = false, CancellationToken cancellationToken = default) =>
        unfinished ? EnsureDaemonAsync(noStart, cancellationToken) : Task.CompletedTask;

    /// <summary>Makes sure a daemon runs (starting one unless <paramref name="noStart"/>), saying so when it starts one.</summary>
    public async Task EnsureDaemonAsync(bool noStart, CancellationToken cancellationToken = default)
    {
        var (pid, started) = await DaemonLauncher.EnsureRunningAsync(Settings, allowStart: !noStart, cancellationToken);
        if (started)
        {
            var moved = await DaemonLauncher.MovedUrlsAsync(Settings, pid, cancellationToken) is { } urls
                ? $", serving on {string.Join(", ", urls)} since another Baton daemon holds the configured port"
                : string.Empty;
            NoteStarted(Settings, pid, moved);
        }
    }

    /// <summary>Tells the user that a command started a daemon, and that it runs no tasks when it does not.</summary>
    public static void NoteStarted(BatonSettings settings, int pid, string moved = "")
    {
        CliOutput.Note($"Started the Baton daemon in the background (pid {pid}{moved}); its log is {settings.DaemonLogPath}");
        if (settings.BackgroundWorkers == 0)
        {
            CliOutput.Note(DaemonLauncher.ApiOnlyNote);
        }
    }
}
