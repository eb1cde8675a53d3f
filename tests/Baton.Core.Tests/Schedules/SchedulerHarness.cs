using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Schedules;
using Baton.Core.Storage;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Core.Workflows.Files;
using Baton.Core.Tests.Application.Testing;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Schedules;

/// <summary>
/// The scheduler over a real SQLite store with the clock in the test's hands. Tasks are built without looking at
/// the disk: a command runs as given, and an agent named "gone" was removed.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly TempDirectory directory = new();

    private SchedulerHarness(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        Store = new SqliteScheduleStore(Options);
        Tasks = new SqliteTaskStore(Options);
        Events = new SqliteEventStore(Options);
        WorkflowStore = new SqliteWorkflowStore(Options);
        Workflows = new WorkflowService(WorkflowStore, Tasks, Notifier, new RunnerRegistry([new CommandRunner(new Dictionary<string, string>())]), Time);
        ScheduleWorkflows = new ScheduleWorkflows(Workflows, BuildWorkflowAsync, Environment.GetEnvironmentVariable("PATH"));
        Firer = new ScheduleFirer(Store, Tasks, Build, Notifier, Time, ScheduleWorkflows);
        Service = new ScheduleService(Store, Firer, Build, Time, ScheduleWorkflows);
    }

    public SqliteWorkflowStore WorkflowStore { get; }

    public WorkflowService Workflows { get; }

    public ScheduleWorkflows ScheduleWorkflows { get; }

    public FakeTimeProvider Time { get; }

    public SqliteStoreOptions Options { get; }

    public SqliteScheduleStore Store { get; }

    public SqliteTaskStore Tasks { get; }

    public SqliteEventStore Events { get; }

    public RecordingNotifier Notifier { get; } = new();

    public ScheduleFirer Firer { get; }

    public ScheduleService Service { get; }

    public static async Task<SchedulerHarness> StartAsync(DateTimeOffset start)
    {
        var harness = new SchedulerHarness(start);
        await new SqliteStoreMigrator(harness.Options).MigrateAsync();
        return harness;
    }

    /// <summary>A scheduler as another node (or this one after a restart) would run it, over the same store.</summary>
    public Scheduler NewScheduler() => new(Store, new ScheduleFirer(Store, Tasks, Build, Notifier, Time, ScheduleWorkflows), Time, NullLogger<Scheduler>.Instance);

    public Task<ScheduleRecord> AddAsync(ScheduleSpec spec) => Service.AddAsync(spec, "cli:alice");

    /// <summary>Moves the clock to <paramref name="at"/> and runs one turn.</summary>
    public async Task TurnAtAsync(DateTimeOffset at, Scheduler? scheduler = null)
    {
        Time.SetUtcNow(at);
        await (scheduler ?? NewScheduler()).TurnAsync();
    }

    public async Task<IReadOnlyList<OccurrenceRecord>> HistoryAsync(string name = "nightly") =>
        [.. (await Service.HistoryAsync(name, 1000)).Reverse()];

    /// <summary>Ends a task as the engine would have; only its status matters to the scheduler.</summary>
    public async Task EndTaskAsync(string taskId, TaskState status)
    {
        await using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET status = $status WHERE id = $id";
        command.Parameters.AddWithValue("$status", status.ToWire());
        command.Parameters.AddWithValue("$id", taskId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Ends a workflow as the engine would have; only its status matters to the scheduler.</summary>
    public async Task EndWorkflowAsync(string workflowId, WorkflowState status)
    {
        await using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE workflows SET status = $status WHERE id = $id";
        command.Parameters.AddWithValue("$status", status.ToWire());
        command.Parameters.AddWithValue("$id", workflowId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await WorkflowStore.DisposeAsync();
        await Store.DisposeAsync();
        await Tasks.DisposeAsync();
        await Events.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    /// <summary>A workflow file as the daemon reads it, its commands run as given and no agent known.</summary>
    private Task<WorkflowBlueprint> BuildWorkflowAsync(ScheduleWorkflow stored, string workflowId, string? createdBy, CancellationToken cancellationToken)
    {
        var document = WorkflowFile.Parse(stored.Source, stored.SourceName ?? "workflow", stored.Vars ?? new Dictionary<string, string>());
        var workflow = Workflows.NewWorkflow(document.Settings with { CreatedBy = createdBy }, WorkflowState.Running, Time.GetUtcNow()) with { Id = workflowId };
        var blueprint = document.ToBlueprint(workflow, new TaskRequestBuilder((name, _) => throw BatonException.Invalid($"no agent named '{name}' (see 'baton agents')"), directory.Path));
        WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
        return Task.FromResult(blueprint);
    }

    private static TaskDefinition Build(TaskRequest request)
    {
        if (request.AgentName == "gone")
        {
            throw BatonException.Invalid("no agent named 'gone' (see 'baton agents')");
        }

        return new TaskDefinition
        {
            Name = request.Name ?? "scheduled",
            Runner = "command",
            Program = request.Command?[0] ?? "true",
            WorkingDirectory = "/srv/project",
            CreatedBy = request.CreatedBy,
        };
    }
}
