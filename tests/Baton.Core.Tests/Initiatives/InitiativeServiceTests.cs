using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Initiatives;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Runners.Merge;
using Baton.Core.Tasks;
using Baton.Core.Tests.Application.Testing;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Initiatives;

/// <summary>Starting an initiative over a real SQLite store and a real repository: once, whatever happened before.</summary>
public sealed class InitiativeServiceTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private readonly GitRepository repository = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteStoreOptions options = null!;
    private SqliteInitiativeStore store = null!;
    private SqliteWorkflowStore workflowStore = null!;
    private SqliteTaskStore tasks = null!;
    private WorkflowService workflows = null!;
    private InitiativeService initiatives = null!;

    public async Task InitializeAsync()
    {
        repository.Commit("README.md", "start\n", "start");
        options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(options).MigrateAsync();
        store = new SqliteInitiativeStore(options);
        workflowStore = new SqliteWorkflowStore(options);
        tasks = new SqliteTaskStore(options);
        workflows = new WorkflowService(workflowStore, tasks, new RecordingNotifier(),
            new RunnerRegistry([new CommandRunner(new Dictionary<string, string>()), new MergeRunner()]), time);
        initiatives = new InitiativeService(store, workflows, new InitiativeHooks(InitiativePlanner.Plan, (_, _) => Task.CompletedTask, (_, _) => null), time);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await workflowStore.DisposeAsync();
        await tasks.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
        repository.Dispose();
    }

    [Fact]
    public async Task AddTask_TakingUpASessionThatCannotBe_RefusedAsATaskOnItsOwnIs()
    {
        var workflow = await workflows.CreateAsync(new WorkflowSettings("streams"));
        await workflows.AddPhaseAsync(workflow.Id, "build", null, []);
        var command = await workflows.AddTaskAsync(workflow.Id, "build", new TaskDefinition { Name = "make", Runner = "command", Program = "/bin/true", WorkingDirectory = directory.Path }, null);
        TaskDefinition Taking(string source) => new()
        {
            Name = "next", Runner = "command", Program = "/bin/true", WorkingDirectory = directory.Path, Session = new Baton.Core.Sessions.SessionSource(source, Baton.Core.Sessions.SessionUse.Continue),
        };

        var fromCommand = await Assert.ThrowsAsync<BatonException>(() => workflows.AddTaskAsync(workflow.Id, "build", Taking(command.Id), null));

        Assert.Contains("a command task has no agent session", fromCommand.Message, StringComparison.Ordinal);
        Assert.Single((await workflowStore.GetSnapshotAsync(workflow.Id))!.Tasks);
    }

    [Fact]
    public async Task StartAsync_WorkflowCreatedBeforeACrash_RecordsThatWorkflowAndCreatesNoOther()
    {
        var created = await initiatives.CreateAsync(Definition(), "cli:alice");
        // The first start created the workflow, then the process died before the initiative recorded it.
        var first = await workflows.RunAsync(InitiativePlanner.Plan(created, time.GetUtcNow()), null);

        var started = await initiatives.StartAsync(created.Name, null);

        Assert.Equal(first.Id, started.Initiative.WorkflowId);
        Assert.Equal(first.Id, (await store.GetAsync(created.Id))!.WorkflowId);
        Assert.Single(await workflows.ListAsync(new WorkflowQuery(Limit: 100)));
        Assert.Equal(["core", "api"], started.Streams.Select(s => s.Id));
        Assert.Equal([1, 1], started.Streams.Select(s => s.TotalTasks));
    }

    [Fact]
    public async Task StartAsync_StartedAlready_RefusedAndNothingNewCreated()
    {
        var created = await initiatives.CreateAsync(Definition(), "cli:alice");
        await initiatives.StartAsync(created.Id, null);

        var error = await Assert.ThrowsAsync<BatonException>(() => initiatives.StartAsync(created.Id, null));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("started already", error.Message, StringComparison.Ordinal);
        Assert.Single(await workflows.ListAsync(new WorkflowQuery(Limit: 100)));
    }

    [Fact]
    public async Task AddStreamAsync_AfterStart_RefusedSayingWhy()
    {
        var created = await initiatives.CreateAsync(Definition(), "cli:alice");
        await initiatives.StartAsync(created.Id, null);

        var error = await Assert.ThrowsAsync<BatonException>(() =>
            initiatives.AddStreamAsync(created.Id, new StreamDefinition("ui", "UI", StreamPhase.Parallel, [], [])));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("can only be added before 'baton initiative start'", error.Message, StringComparison.Ordinal);
    }

    private InitiativeDefinition Definition()
    {
        TaskDefinition Task(string name) => new() { Name = name, Runner = "command", Program = "/bin/true", WorkingDirectory = repository.Path };
        return new InitiativeDefinition("shop", repository.Path, null, 5,
        [
            new StreamDefinition("core", "Core", StreamPhase.Foundation, [], [Task("core")]),
            new StreamDefinition("api", "API", StreamPhase.Parallel, [], [Task("api")]),
        ]);
    }
}
