using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Building a workflow step by step through the application layer, over the real SQLite store: phases and tasks added, checked, and a rejected addition changes nothing.</summary>
public sealed class WorkflowServiceBuildTests : WorkflowServiceTestBase
{
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
}
