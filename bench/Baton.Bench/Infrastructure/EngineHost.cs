using Baton.Core.Application;
using Baton.Core.Engine;
using Baton.Core.Processes;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// The daemon's parts wired up in this process, as DaemonHost wires them: process containment, a real SQLite file,
/// the engine with its dispatch signal, and a task service and a workflow service that signal the dispatcher directly.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource stopping;
    private readonly Task running;
    private readonly IAsyncDisposable[] stores;

    private EngineHost(
        TaskService tasks, ITaskStore store, WorkflowService workflows, IWorkflowStore workflowStore, CancellationTokenSource stopping, Task running, IAsyncDisposable[] stores)
    {
        this.stores = stores;
        Tasks = tasks;
        Store = store;
        Workflows = workflows;
        WorkflowStore = workflowStore;
        this.stopping = stopping;
        this.running = running;
    }

    public TaskService Tasks { get; }

    public ITaskStore Store { get; }

    /// <summary>What wakes the engine when work is queued (for services beside TaskService, such as the scheduler).</summary>
    public Core.Application.IWorkNotifier Notifier { get; private init; } = null!;

    public WorkflowService Workflows { get; }

    public IWorkflowStore WorkflowStore { get; }

    public static async Task<EngineHost> StartAsync(
        BenchDirectory directory, int workers, IReadOnlyList<IRunner> runners, TimeProvider time, CancellationToken cancellationToken = default)
    {
        // As the daemon runs attempts: each in a cgroup of its own where the machine allows it (else as subreaper).
        ProcessContainment.Establish(ContainmentMode.Auto);
        // As the daemon runs it: WAL checkpoints in the background, off the write path.
        var storeOptions = new SqliteStoreOptions { DatabasePath = directory.DatabasePath, CheckpointInBackground = true };
        await new SqliteStoreMigrator(storeOptions).MigrateAsync(cancellationToken);
        var store = new SqliteTaskStore(storeOptions);

        var registry = new RunnerRegistry(runners);
        var signal = new DispatchSignal();
        var options = new EngineOptions { Workers = workers, LogDirectory = directory.Subdirectory("logs") };
        var attempts = new SqliteAttemptStore(storeOptions);
        var engine = new BatonEngine(attempts, registry, options, signal, time, NullLogger<BatonEngine>.Instance);
        var notifier = new DispatchSignalNotifier(signal);
        var tasks = new TaskService(store, notifier, registry, time);
        var workflowStore = new SqliteWorkflowStore(storeOptions);
        var workflows = new WorkflowService(workflowStore, store, notifier, registry, time);

        var stopping = new CancellationTokenSource();
        var checkpointer = new SqliteCheckpointer(storeOptions, time, NullLogger<SqliteCheckpointer>.Instance);
        var running = Task.WhenAll(
            Task.Run(() => engine.RunAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => checkpointer.RunAsync(stopping.Token), CancellationToken.None));
        return new EngineHost(tasks, store, workflows, workflowStore, stopping, running, [store, attempts, workflowStore]) { Notifier = notifier };
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(StopDeadline);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before it got going (a scenario that failed at once): the scenario's own error is the one to report.
        }
        finally
        {
            stopping.Dispose();
            // The writer connection closes with the last store; pooled readers would keep the round's database (and
            // its write-ahead log) open after its folder is deleted, until the bench ends.
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
