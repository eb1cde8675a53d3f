using Baton.Core.Attempts;
using Baton.Core.Engine;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// An engine in this process on a real SQLite file, with the clock in the test's hand. The engine works as its own
/// worker id, so a second harness-made worker (a rescuer) can share the store.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string WorkerId = "engine-test:1:1";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TempDirectory directory;
    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    private EngineHarness(TempDirectory directory, EngineOptions options, SqliteStoreOptions storeOptions)
    {
        this.directory = directory;
        Options = options;
        StoreOptions = storeOptions;
        Tasks = new SqliteTaskStore(storeOptions);
        Attempts = new SqliteAttemptStore(storeOptions);
        Workers = new SqliteWorkerStore(storeOptions);
        Interactions = new SqliteInteractionStore(storeOptions);
        Workflows = new SqliteWorkflowStore(storeOptions);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public DispatchSignal Signal { get; } = new();

    public EngineOptions Options { get; }

    public SqliteStoreOptions StoreOptions { get; }

    public SqliteTaskStore Tasks { get; }

    public SqliteAttemptStore Attempts { get; }

    public SqliteWorkerStore Workers { get; }

    public SqliteInteractionStore Interactions { get; }

    public SqliteWorkflowStore Workflows { get; }

    /// <summary>Runners besides the command runner that engines made from now on know (agents scripted by a test).</summary>
    public List<IRunner> Runners { get; } = [];

    /// <summary>The engine <see cref="Start"/> made.</summary>
    public BatonEngine? Engine { get; private set; }

    public string Directory => directory.Path;

    public static async Task<EngineHarness> CreateAsync(Action<EngineOptions>? configure = null)
    {
        var directory = new TempDirectory();
        var options = new EngineOptions
        {
            Workers = 1,
            LogDirectory = directory.File("logs"),
            WorktreeDirectory = directory.File("worktrees"),
        };
        configure?.Invoke(options);
        var storeOptions = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(storeOptions).MigrateAsync();
        var harness = new EngineHarness(directory, options, storeOptions);
        return harness;
    }

    /// <summary>Starts the engine over <paramref name="store"/> (the real attempt store unless a test wraps it).</summary>
    public void Start(IAttemptStore? store = null) => Start(store, asNode: false);

    /// <summary>Starts the engine as a node of the worker registry: it registers, heartbeats and drains.</summary>
    public void StartNode() => Start(null, asNode: true);

    private void Start(IAttemptStore? store, bool asNode)
    {
        Engine = NewEngine(store, asNode);
        running = Task.Run(() => Engine.RunAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>An engine over this harness's store and clock, not started.</summary>
    public BatonEngine NewEngine(IAttemptStore? store = null, bool asNode = true)
    {
        var runners = new RunnerRegistry([new CommandRunner(AttemptEnvironment.OfCurrentProcess()), .. Runners]);
        return new BatonEngine(store ?? Attempts, runners, Options, Signal, Time, NullLogger<BatonEngine>.Instance, WorkerId, asNode ? Workers : null, interactions: Interactions, tasks: Tasks, workflows: Workflows);
    }

    /// <summary>Stops the engine and waits until it has shut down.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(Limit);
        }
    }

    /// <summary>Queues a command task (a shell line) and wakes the engine.</summary>
    public async Task<string> EnqueueAsync(string name, string shell, Func<TaskDefinition, TaskDefinition>? change = null)
    {
        var id = $"task_{name}";
        var definition = new TaskDefinition
        {
            Name = name,
            Runner = CommandRunner.RunnerName,
            Program = "/bin/sh",
            Arguments = ["-c", shell],
            WorkingDirectory = Directory,
        };
        await Tasks.EnqueueAsync(id, change?.Invoke(definition) ?? definition, Time.GetUtcNow());
        Signal.NotifyWorkQueued();
        return id;
    }

    public async Task<TaskRecord> TaskAsync(string id) => (await Tasks.GetTaskAsync(id))!;

    public Task<IReadOnlyList<AttemptRecord>> AttemptsOfAsync(string id) => Tasks.GetAttemptsAsync(id);

    /// <summary>Waits (in real time, with a deadline) until the task reaches <paramref name="status"/>.</summary>
    public Task<TaskRecord> StatusAsync(string id, TaskState status) =>
        EventuallyAsync(async () => await TaskAsync(id) is { } task && task.Status == status ? task : null, $"{id} {status}");

    /// <summary>Waits until the task's current attempt has recorded its process.</summary>
    public Task<AttemptRecord> ProcessStartedAsync(string id, int number = 1) =>
        EventuallyAsync(
            async () => (await AttemptsOfAsync(id)).FirstOrDefault(a => a.Key.Number == number && a.Process is not null),
            $"{id} attempt {number} process");

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Limit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            // Shutdown stops attempts with SIGTERM; their finish is recorded in real time.
            await running.WaitAsync(Limit);
        }

        await Attempts.DisposeAsync();
        await Workers.DisposeAsync();
        await Interactions.DisposeAsync();
        await Workflows.DisposeAsync();
        await Tasks.DisposeAsync();
        SqliteConnection.ClearAllPools();
        stopping.Dispose();
        directory.Dispose();
    }
}
