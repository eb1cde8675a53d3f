using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>The workflow application layer over the real SQLite store: checks, messages, and that a rejected request changes nothing.</summary>
public sealed class WorkflowServiceTests : IAsyncLifetime
{
    private const string SearchPath = "/usr/bin:/bin";
    private readonly TempDirectory workingDirectory = new();
    private readonly RecordingNotifier notifier = new();
    private readonly FixedClock clock = new(TestTasks.Now);
    private WorkflowDatabase db = null!;
    private WorkflowService service = null!;

    public async Task InitializeAsync()
    {
        db = await WorkflowDatabase.CreateAsync();
        service = new WorkflowService(db.Workflows, db.Tasks, notifier, new RunnerRegistry([new CommandRunner(new Dictionary<string, string>())]), clock);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        workingDirectory.Dispose();
    }

    [Fact]
    public async Task BuildStepByStep_CreateAddStart_RootTasksClaimableAndNotified()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        await service.AddPhaseAsync(workflow.Id, "build", "Build it", ["design"]);
        var sketch = await service.AddTaskAsync(workflow.Id, "design", Definition("sketch"), SearchPath);
        var compile = await service.AddTaskAsync(workflow.Id, "build", Definition("compile") with { DependsOn = [sketch.Id[..6]] }, SearchPath);
        Assert.Empty(notifier.Changes);

        var details = await service.StartAsync(workflow.Id[..5]);

        Assert.Equal(WorkflowState.Running, details.Contents.Workflow.Status);
        Assert.Equal([sketch.Id], compile.Definition.DependsOn);
        Assert.Equal([WorkChange.Queued], notifier.Changes);
        var claim = await db.TryClaimAsync();
        Assert.Equal(sketch.Id, claim?.Task.Id);
        Assert.Null(await db.TryClaimAsync());
    }

    [Fact]
    public async Task AddPhaseAsync_AfterStart_ThrowsConflictAndAddsNothing()
    {
        var workflow = await StartedAsync();
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.AddPhaseAsync(workflow.Id, "ship", null, ["build"]));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.StartsWith($"workflow {workflow.Id} was started already (running); phases can be added only before workflow_start", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddPhaseAsync_UnknownDependency_ThrowsInvalidAndAddsNothing()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.AddPhaseAsync(workflow.Id, "build", null, ["desing"]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'desing', which is not a phase", error.Message, StringComparison.Ordinal);
        Assert.Contains("its phases are 'design'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddTaskAsync_PhaseEnded_ThrowsConflictAndAddsNothing()
    {
        var workflow = await StartedAsync();
        var sketch = (await db.ContentsAsync(workflow.Id)).Tasks.Single(t => t.Definition.Name == "sketch");
        await db.RunAsync(sketch.Id, TaskState.Completed, TestTasks.Now);
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.AddTaskAsync(workflow.Id, "design", Definition("late"), SearchPath));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal($"phase 'design' of workflow {workflow.Id} has ended (completed); add the task to a phase that has not ended", error.Message);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddTaskAsync_WorkflowEnded_ThrowsConflict()
    {
        var workflow = await StartedAsync();
        await service.CancelAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.AddTaskAsync(workflow.Id, "build", Definition("late"), SearchPath));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.StartsWith($"workflow {workflow.Id} has ended (cancelled)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTaskAsync_UnknownPhase_ThrowsNotFoundListingPhases()
    {
        var workflow = await StartedAsync();
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.AddTaskAsync(workflow.Id, "ship", Definition("publish"), SearchPath));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal($"workflow {workflow.Id} has no phase 'ship'; its phases are 'design', 'build'", error.Message);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddTaskAsync_DependencyClosesCycle_ThrowsInvalidAndAddsNothing()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        await service.AddPhaseAsync(workflow.Id, "build", null, ["design"]);
        var compile = await service.AddTaskAsync(workflow.Id, "build", Definition("compile"), SearchPath);
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(
            () => service.AddTaskAsync(workflow.Id, "design", Definition("sketch") with { DependsOn = [compile.Id] }, SearchPath));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal("task 'sketch' would close a dependency cycle: phase design → task 'sketch' → task 'compile' → phase design", error.Message);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddTaskAsync_DependsOnTaskOfAnotherWorkflow_ThrowsInvalidAndAddsNothing()
    {
        var other = await StartedAsync();
        var foreign = (await db.ContentsAsync(other.Id)).Tasks[0].Id;
        var workflow = await service.CreateAsync(new WorkflowSettings("second"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        var before = await ShapeAsync(workflow.Id);

        var error = await Assert.ThrowsAsync<BatonException>(
            () => service.AddTaskAsync(workflow.Id, "design", Definition("sketch") with { DependsOn = [foreign] }, SearchPath));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith($"task 'sketch' depends on '{foreign}', which is not a task of workflow {workflow.Id}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ShapeAsync(workflow.Id));
    }

    [Fact]
    public async Task AddTaskAsync_RunningWorkflow_ClaimableAndNotified()
    {
        var workflow = await StartedAsync();
        notifier.Changes.Clear();

        var task = await service.AddTaskAsync(workflow.Id, "design", Definition("review"), SearchPath);

        Assert.Equal([WorkChange.Queued], notifier.Changes);
        Assert.False(task.Blocked);
        Assert.Contains(task.Id, (await db.ClaimAllAsync()).Select(c => c.Task.Id));
    }

    [Fact]
    public async Task StartAsync_EmptyPhase_ThrowsInvalidNamingItAndStaysDraft()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        await service.AddPhaseAsync(workflow.Id, "build", null, ["design"]);
        await service.AddTaskAsync(workflow.Id, "design", Definition("sketch"), SearchPath);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.StartAsync(workflow.Id));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith($"phase 'build' of workflow {workflow.Id} has no tasks;", error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowState.Draft, (await db.WorkflowAsync(workflow.Id)).Status);
        Assert.Null(await db.TryClaimAsync());
        Assert.Empty(notifier.Changes);
    }

    [Fact]
    public async Task StartAsync_Twice_ThrowsConflict()
    {
        var workflow = await StartedAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => service.StartAsync(workflow.Id));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.StartsWith($"workflow {workflow.Id} was started already (running)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_RunningTask_NotifiesCancelRequestAndSecondCancelConflicts()
    {
        var workflow = await StartedAsync();
        await db.TryClaimAsync();
        notifier.Changes.Clear();

        var details = await service.CancelAsync(workflow.Id);
        var again = await Assert.ThrowsAsync<BatonException>(() => service.CancelAsync(workflow.Id));

        Assert.Equal(WorkflowState.Cancelled, details.Contents.Workflow.Status);
        Assert.Equal([WorkChange.CancelRequested], notifier.Changes);
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal($"workflow {workflow.Id} already ended as cancelled; there is nothing to cancel", again.Message);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<BatonException>(() => service.GetAsync(TaskIds.New()));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task RunAsync_BlueprintWithCycle_ThrowsInvalidAndCreatesNothing()
    {
        var now = clock.GetUtcNow();
        var record = service.NewWorkflow(new WorkflowSettings("release"), WorkflowState.Draft, now);
        PhaseRecord[] phases =
        [
            new() { PhaseId = "design", Name = "design", DependsOn = ["build"], Position = 0, Status = WorkflowState.Draft },
            new() { PhaseId = "build", Name = "build", DependsOn = ["design"], Position = 1, Status = WorkflowState.Draft },
        ];
        BlueprintTask[] tasks = [new(TaskIds.New(), Definition("sketch") with { PhaseId = "design" }), new(TaskIds.New(), Definition("compile") with { PhaseId = "build" })];

        var error = await Assert.ThrowsAsync<BatonException>(() => service.RunAsync(new WorkflowBlueprint(record, phases, tasks), SearchPath));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("design → build → design", error.Message, StringComparison.Ordinal);
        Assert.Empty(await db.Workflows.ListAsync(new WorkflowQuery()));
        Assert.Null(await db.Tasks.GetTaskAsync(tasks[0].Id));
    }

    [Fact]
    public async Task RunAsync_ValidBlueprint_CreatedStartedAndRootTaskClaimable()
    {
        var record = service.NewWorkflow(new WorkflowSettings("release", FailurePolicy: FailurePolicy.Continue), WorkflowState.Draft, clock.GetUtcNow());
        PhaseRecord[] phases =
        [
            new() { PhaseId = "design", Name = "design", Position = 0, Status = WorkflowState.Draft },
            new() { PhaseId = "build", Name = "build", DependsOn = ["design"], Position = 1, Status = WorkflowState.Draft },
        ];
        BlueprintTask[] tasks = [new(TaskIds.New(), Definition("sketch") with { PhaseId = "design" }), new(TaskIds.New(), Definition("compile") with { PhaseId = "build" })];

        var workflow = await service.RunAsync(new WorkflowBlueprint(record, phases, tasks), SearchPath);

        Assert.Equal((WorkflowState.Running, FailurePolicy.Continue), (workflow.Status, workflow.FailurePolicy));
        Assert.Equal([tasks[0].Id], (await db.ClaimAllAsync()).Select(c => c.Task.Id));
        Assert.Equal([WorkChange.Queued], notifier.Changes);
    }

    [Fact]
    public async Task GetAsync_HistoryForEveryTask_EstimatesRemaining()
    {
        var earlier = await StartedAsync();
        foreach (var name in new[] { "sketch", "compile" })
        {
            var id = (await db.ContentsAsync(earlier.Id)).Tasks.Single(t => t.Definition.Name == name).Id;
            await db.EndAsync(await db.ClaimAsync(id), TaskState.Completed, TestTasks.Now.AddMinutes(1));
        }

        var workflow = await StartedAsync();
        var details = await service.GetAsync(workflow.Id);

        Assert.Equal(TimeSpan.FromMinutes(2), details.Remaining);
    }

    private async Task<WorkflowRecord> StartedAsync()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        await service.AddPhaseAsync(workflow.Id, "build", null, ["design"]);
        await service.AddTaskAsync(workflow.Id, "design", Definition("sketch"), SearchPath);
        await service.AddTaskAsync(workflow.Id, "build", Definition("compile"), SearchPath);
        await service.StartAsync(workflow.Id);
        return workflow;
    }

    /// <summary>What a rejected request must leave unchanged: the workflow, its phases and its tasks.</summary>
    private async Task<string> ShapeAsync(string workflowId)
    {
        var snapshot = await db.Workflows.GetSnapshotAsync(workflowId) ?? throw new InvalidOperationException("no workflow");
        return $"{snapshot.Workflow.Status}/{snapshot.Workflow.UpdatedAt:O} | "
            + string.Join("; ", snapshot.Phases.Select(p => $"{p.PhaseId}<-[{string.Join(",", p.DependsOn)}]:{p.Status}")) + " | "
            + string.Join("; ", snapshot.Tasks.Select(t => $"{t.Id}:{t.Name}:{t.PhaseId}:{t.Status}:{t.Blocked}"));
    }

    private TaskDefinition Definition(string name) => new()
    {
        Name = name,
        Runner = CommandRunner.RunnerName,
        Program = "sh",
        Arguments = ["-c", "true"],
        WorkingDirectory = workingDirectory.Path,
    };

    private sealed class RecordingNotifier : IWorkNotifier
    {
        public List<WorkChange> Changes { get; } = [];

        public Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
