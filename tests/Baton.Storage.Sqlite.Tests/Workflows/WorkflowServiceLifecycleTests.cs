using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Starting, running, cancelling and reading a workflow through the application layer, over the real SQLite store: checks, messages, and that a rejected request changes nothing.</summary>
public sealed class WorkflowServiceLifecycleTests : WorkflowServiceTestBase
{
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
}
