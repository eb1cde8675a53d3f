using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
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
/// the end and their events, all committed to the same cluster. Its add→start crosses nodes as the peers' does
/// (queued over one connection, started by a worker on another): one node of this process queues, another runs,
/// each with its own store on the database, woken by the store's announcements as the daemon wires them.
/// <see cref="BatonPostgresArm"/> measures the whole product instead (HTTP, real processes, several nodes).
/// </summary>
internal sealed class BatonEngineArm(TimeProvider time) : IPostgresQueueArm
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LatencyPause = TimeSpan.FromMilliseconds(10);

    public string Name => "Baton engine, no-op runner";

    public ArmKind Kind => ArmKind.Baton;

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var counter = new AttemptCounter(time);
        await using var node = await Node.StartAsync(context, workload.Workers, time, cancellationToken);
        await EnqueueAsync(node.Tasks, node.Definition, workload.ProducerWarmUp, cancellationToken);
        await counter.WhenCountReaches(workload.ProducerWarmUp).WaitAsync(Deadline, time, cancellationToken);

        var writesBefore = await ServerWrites.ReadAsync(context, cancellationToken);
        var begun = time.GetTimestamp();
        var finished = counter.WhenCountReaches(workload.ProducerWarmUp + workload.ProducerJobs);
        await EnqueueAsync(node.Tasks, node.Definition, workload.ProducerJobs, cancellationToken);
        var produced = time.GetElapsedTime(begun);
        var finishedAt = await finished.WaitAsync(Deadline, time, cancellationToken);
        var elapsed = time.GetElapsedTime(begun, finishedAt);
        var writes = (await ServerWrites.ReadAsync(context, cancellationToken)).PerJob(writesBefore, workload.ProducerJobs);
        return new ArmRate(workload.ProducerJobs / elapsed.TotalSeconds, $"producer {workload.ProducerJobs / produced.TotalSeconds:0} adds/s, {writes}");
    }

    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var counter = new AttemptCounter(time);
        // Queued by a node that runs nothing, then a node with 4 slots starts on the same database.
        var database = await context.CreateDatabaseAsync("baton_engine_drain");
        TimeSpan filled;
        await using (var queue = await Node.StartAsync(context, 0, time, cancellationToken, database))
        {
            // Timed too: the same producer as in the producer mode, one task per transaction, with no worker running.
            var filling = time.GetTimestamp();
            await EnqueueAsync(queue.Tasks, queue.Definition, workload.DrainJobs, cancellationToken);
            filled = time.GetElapsedTime(filling);
        }

        var begun = time.GetTimestamp();
        var finished = counter.WhenCountReaches(workload.DrainJobs);
        await using var node = await Node.StartAsync(context, workload.Workers, time, cancellationToken, database);
        var finishedAt = await finished.WaitAsync(Deadline, time, cancellationToken);
        return new ArmRate(
            workload.DrainJobs / time.GetElapsedTime(begun, finishedAt).TotalSeconds,
            $"queued alone at {Units.Rate(workload.DrainJobs / filled.TotalSeconds, "adds")}");
    }

    /// <summary>
    /// Queued on node A (no slots), started on node B (4 slots): from just before the enqueue to the runner's start,
    /// the next task 10 ms after the previous one ended.
    /// </summary>
    public async Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var counter = new AttemptCounter(time);
        var database = await context.CreateDatabaseAsync("baton_engine_latency");
        var started = new StartTimes(time);
        await using var queue = await Node.StartAsync(context, 0, time, cancellationToken, database);
        await using var worker = await Node.StartAsync(context, workload.Workers, time, cancellationToken, database, started.Record);
        var samples = new List<double>();
        for (var i = 0; i < workload.LatencyWarmUp + workload.LatencySamples; i++)
        {
            var next = started.Next();
            var ended = counter.WhenCountReaches(i + 1);
            var before = time.GetTimestamp();
            await queue.Tasks.EnqueueAsync(queue.Definition, null, cancellationToken);
            var start = await next.WaitAsync(Deadline, time, cancellationToken);
            await ended.WaitAsync(Deadline, time, cancellationToken);
            if (i >= workload.LatencyWarmUp)
            {
                samples.Add(time.GetElapsedTime(before, start).TotalMilliseconds);
            }

            await Task.Delay(LatencyPause, time, cancellationToken);
        }

        return samples;
    }

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
            PostgresArmContext context, int workers, TimeProvider time, CancellationToken cancellationToken, string? database = null, Action? started = null)
        {
            database ??= await context.CreateDatabaseAsync("baton_engine");
            var stores = new ServiceCollection()
                .AddBatonPostgresStore(new StoreOptions { Location = context.Cluster.ConnectionString(database) })
                .BuildServiceProvider();
            await stores.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
            var directory = BenchDirectory.Create("postgres-engine");
            var registry = new RunnerRegistry([new NoOpRunner(started)]);
            var signal = new DispatchSignal();
            // As a daemon: work queued here is announced to the other nodes, and their announcements wake this engine.
            var announcer = stores.GetRequiredService<IQueueAnnouncer>();
            var notifier = new AnnouncingWorkNotifier(new DispatchSignalNotifier(signal), announcer);
            var node = new Node(stores, directory, new TaskService(stores.GetRequiredService<ITaskStore>(), notifier, registry, time));
            if (workers > 0)
            {
                var options = new EngineOptions { Workers = workers, LogDirectory = directory.Subdirectory("logs") };
                var engine = new BatonEngine(
                    stores.GetRequiredService<IAttemptStore>(), registry, options, signal, time, NullLogger<BatonEngine>.Instance,
                    stores.GetRequiredService<IWorkerStore>(), stores.GetService<IAttemptLogStore>());
                node.running = Task.WhenAll(
                    Task.Run(() => engine.RunAsync(node.stopping.Token), CancellationToken.None),
                    Task.Run(() => RelayAsync(announcer, signal, node.stopping.Token), CancellationToken.None));
            }

            return node;
        }

        /// <summary>Wakes the engine at every other node's announcement of queued work, until stopped.</summary>
        private static async Task RelayAsync(IQueueAnnouncer announcer, DispatchSignal signal, CancellationToken stopping)
        {
            while (!stopping.IsCancellationRequested)
            {
                var next = announcer.Announced.Next();
                try
                {
                    await next.WaitAsync(stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                signal.NotifyWorkQueued();
            }
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

    /// <summary>When the runner of the next attempt started, as a <see cref="TimeProvider"/> timestamp.</summary>
    private sealed class StartTimes(TimeProvider time)
    {
        private TaskCompletionSource<long> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<long> Next()
        {
            next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return next.Task;
        }

        public void Record() => next.TrySetResult(time.GetTimestamp());
    }
}
