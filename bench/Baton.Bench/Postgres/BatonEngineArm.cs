using Baton.Bench.Infrastructure;
using Baton.Core.Application;
using Baton.Core.Engine;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Bench.Postgres;

/// <summary>
/// Baton's queue on PostgreSQL measured as the peers are: the engine hosted in this process with a runner that does
/// nothing (as their no-op handlers do), 4 slots, tasks queued one per transaction through the application layer
/// (as <c>addJob</c> and <c>send</c> queue them). What is left is Baton's own work per task: the enqueue, the claim,
/// the end and their events, all committed to the same cluster. <see cref="BatonPostgresArm"/> measures the whole
/// product instead (HTTP, real processes, several nodes).
/// </summary>
internal sealed class BatonEngineArm(TimeProvider time) : IPostgresQueueArm
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public string Name => "Baton engine, no-op runner";

    public ArmKind Kind => ArmKind.Baton;

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var counter = new AttemptCounter(time);
        await using var node = await Node.StartAsync(context, workload.Workers, time, cancellationToken);
        await EnqueueAsync(node.Tasks, node.Definition, workload.ProducerWarmUp, cancellationToken);
        await counter.WhenCountReaches(workload.ProducerWarmUp).WaitAsync(Deadline, time, cancellationToken);

        var begun = time.GetTimestamp();
        var finished = counter.WhenCountReaches(workload.ProducerWarmUp + workload.ProducerJobs);
        await EnqueueAsync(node.Tasks, node.Definition, workload.ProducerJobs, cancellationToken);
        var produced = time.GetElapsedTime(begun);
        var finishedAt = await finished.WaitAsync(Deadline, time, cancellationToken);
        var elapsed = time.GetElapsedTime(begun, finishedAt);
        return new ArmRate(workload.ProducerJobs / elapsed.TotalSeconds, $"producer {workload.ProducerJobs / produced.TotalSeconds:0} adds/s");
    }

    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var counter = new AttemptCounter(time);
        // Queued by a node that runs nothing, then a node with 4 slots starts on the same database.
        var database = await context.CreateDatabaseAsync("baton_engine_drain");
        await using (var queue = await Node.StartAsync(context, 0, time, cancellationToken, database))
        {
            await EnqueueAsync(queue.Tasks, queue.Definition, workload.DrainJobs, cancellationToken);
        }

        var begun = time.GetTimestamp();
        var finished = counter.WhenCountReaches(workload.DrainJobs);
        await using var node = await Node.StartAsync(context, workload.Workers, time, cancellationToken, database);
        var finishedAt = await finished.WaitAsync(Deadline, time, cancellationToken);
        return new ArmRate(workload.DrainJobs / time.GetElapsedTime(begun, finishedAt).TotalSeconds, null);
    }

    /// <summary>Not measured here: <see cref="BatonPostgresArm"/> measures add→start across real nodes.</summary>
    public Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<double>?>(null);

    private static async Task EnqueueAsync(TaskService tasks, Core.Tasks.TaskDefinition definition, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await tasks.EnqueueAsync(definition, null, cancellationToken);
        }
    }

    /// <summary>The store, the application layer and (with slots) an engine, as a daemon wires them, in this process.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly ServiceProvider stores;
        private readonly BenchDirectory directory;
        private readonly CancellationTokenSource stopping = new();
        private Task running = Task.CompletedTask;

        private Node(ServiceProvider stores, BenchDirectory directory, TaskService tasks)
        {
            this.stores = stores;
            this.directory = directory;
            Tasks = tasks;
            Definition = BenchTasks.NoOp(directory.Path);
        }

        public TaskService Tasks { get; }

        public Core.Tasks.TaskDefinition Definition { get; }

        public static async Task<Node> StartAsync(
            PostgresArmContext context, int workers, TimeProvider time, CancellationToken cancellationToken, string? database = null)
        {
            database ??= await context.CreateDatabaseAsync("baton_engine");
            var stores = new ServiceCollection()
                .AddBatonPostgresStore(new StoreOptions { Location = context.Cluster.ConnectionString(database) })
                .BuildServiceProvider();
            await stores.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
            var directory = BenchDirectory.Create("postgres-engine");
            var registry = new RunnerRegistry([new NoOpRunner()]);
            var signal = new DispatchSignal();
            var node = new Node(stores, directory, new TaskService(stores.GetRequiredService<ITaskStore>(), new DispatchSignalNotifier(signal), registry, time));
            if (workers > 0)
            {
                var options = new EngineOptions { Workers = workers, LogDirectory = directory.Subdirectory("logs") };
                var engine = new BatonEngine(
                    stores.GetRequiredService<IAttemptStore>(), registry, options, signal, time, NullLogger<BatonEngine>.Instance,
                    stores.GetRequiredService<IWorkerStore>(), stores.GetService<IAttemptLogStore>());
                node.running = Task.Run(() => engine.RunAsync(node.stopping.Token), CancellationToken.None);
            }

            return node;
        }

        public async ValueTask DisposeAsync()
        {
            await stopping.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
            stopping.Dispose();
            await stores.DisposeAsync();
            directory.Dispose();
        }
    }
}
