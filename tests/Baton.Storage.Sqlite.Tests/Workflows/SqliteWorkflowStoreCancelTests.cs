using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;
using static Baton.Storage.Sqlite.Tests.Workflows.FailureWorkflows;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Cancelling a workflow in the store: waiting tasks cancelled, running ones asked to stop, an ended workflow left alone.</summary>
public sealed class SqliteWorkflowStoreCancelTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task CancelAsync_RunningWorkflow_CancelsWaitingTasksAndAsksRunningToStop()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design")
            .Task("design", "sketch").Task("design", "survey").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.ClaimAsync(wf["sketch"]);

        var stopping = await db.Workflows.CancelAsync(wf.Id, T0.AddMinutes(1));

        Assert.Equal(1, stopping);
        foreach (var name in new[] { "survey", "compile" })
        {
            var task = await db.TaskAsync(wf[name]);
            Assert.Equal((TaskState.Cancelled, CancelCause.Workflow, "not run: the workflow was cancelled"), (task.Status, task.CancelCause, task.Error));
        }

        var sketch = await db.TaskAsync(wf["sketch"]);
        Assert.Equal((TaskState.Running, true), (sketch.Status, sketch.CancelRequested));
        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal((WorkflowState.Cancelled, "cancelled by a user", T0.AddMinutes(1)), (workflow.Status, workflow.Error, workflow.CompletedAt));
        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(1)));
    }

    [Fact]
    public async Task CancelAsync_RunningTaskEndsAfterwards_WorkflowStaysCancelled()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        var claim = await db.ClaimAsync(wf["sketch"]);
        await db.Workflows.CancelAsync(wf.Id, T0.AddMinutes(1));

        await db.EndAsync(claim, TaskState.Cancelled, T0.AddMinutes(2));

        Assert.Equal((WorkflowState.Cancelled, "cancelled by a user"), await StatusAsync(db, wf));
        Assert.Equal(WorkflowState.Cancelled, (await db.PhaseAsync(wf.Id, "design")).Status);
    }

    [Fact]
    public async Task CancelAsync_EndedWorkflow_ReturnsNull()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0);

        var stopping = await db.Workflows.CancelAsync(wf.Id, T0.AddMinutes(1));

        Assert.Null(stopping);
        Assert.Equal(WorkflowState.Completed, (await db.WorkflowAsync(wf.Id)).Status);
    }

    [Fact]
    public async Task CancelAsync_Draft_CancelsItsTasks()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint(WorkflowState.Draft));

        var stopping = await db.Workflows.CancelAsync(wf.Id, T0);

        Assert.Equal(0, stopping);
        Assert.Equal(TaskState.Cancelled, (await db.TaskAsync(wf["sketch"])).Status);
        Assert.False(await db.Workflows.StartAsync(wf.Id, T0.AddMinutes(1)));
    }
}
