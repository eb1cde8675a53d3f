using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;
using static Baton.Storage.Sqlite.Tests.Workflows.FailureWorkflows;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>What a task failure does to its workflow in the store: fail_fast cancels the rest, continue cancels only what depends on it.</summary>
public sealed class SqliteWorkflowStoreFailureTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task FinishAsync_FailFastFailure_CancelsPendingTasksAndFailsWorkflow()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design")
            .Task("design", "sketch").Task("design", "survey").Task("design", "review").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var sketch = await db.ClaimAsync(wf["sketch"]);
        await db.ClaimAsync(wf["survey"]);

        await db.EndAsync(sketch, TaskState.Failed, T0.AddMinutes(1));

        var expected = $"not run: the workflow stopped (fail_fast) when 'sketch' ({wf["sketch"]}) failed";
        foreach (var name in new[] { "review", "compile" })
        {
            var task = await db.TaskAsync(wf[name]);
            Assert.Equal((TaskState.Cancelled, CancelCause.FailFast, expected), (task.Status, task.CancelCause, task.Error));
        }

        var survey = await db.TaskAsync(wf["survey"]);
        Assert.Equal((TaskState.Running, false), (survey.Status, survey.CancelRequested));
        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal(WorkflowState.Failed, workflow.Status);
        Assert.Equal($"task 'sketch' ({wf["sketch"]}) failed; 2 other tasks did not complete", workflow.Error);
        Assert.Equal(T0.AddMinutes(1), workflow.CompletedAt);
        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(2)));
    }

    [Fact]
    public async Task FinishAsync_ContinueFailure_CancelsOnlyDependentsAndIndependentBranchRuns()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = ContinueWorkflow();
        await db.CreateAsync(wf.Blueprint(policy: FailurePolicy.Continue));
        var claims = await db.ClaimAllAsync();
        Assert.Equal([wf["sketch"], wf["survey"], wf["guide"]], claims.Select(c => c.Task.Id));

        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));

        var examples = await db.TaskAsync(wf["examples"]);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (examples.Status, examples.CancelCause));
        Assert.Equal($"not run: the task it depends on, 'sketch' ({wf["sketch"]}), failed", examples.Error);
        Assert.Equal(TaskState.Running, (await db.TaskAsync(wf["guide"])).Status);
        // The design phase can no longer complete, so the build phase that depends on it is cancelled at once.
        var compile = await db.TaskAsync(wf["compile"]);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (compile.Status, compile.CancelCause));
        Assert.Equal($"not run: phase 'design' that its phase depends on cannot complete: its task 'sketch' ({wf["sketch"]}) failed", compile.Error);
        Assert.Equal((WorkflowState.Running, (string?)null), await StatusAsync(db, wf));
    }

    [Fact]
    public async Task FinishAsync_ContinueFailedPhaseEnds_DownstreamPhaseCancelledWithReason()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = ContinueWorkflow();
        await db.CreateAsync(wf.Blueprint(policy: FailurePolicy.Continue));
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));

        await db.EndAsync(claims[1], TaskState.Completed, T0.AddMinutes(2));

        var compile = await db.TaskAsync(wf["compile"]);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (compile.Status, compile.CancelCause));
        var contents = await db.ContentsAsync(wf.Id);
        Assert.Equal(WorkflowState.Failed, contents.Phases.Single(p => p.PhaseId == "design").Status);
        Assert.Equal(WorkflowState.Cancelled, contents.Phases.Single(p => p.PhaseId == "build").Status);
        Assert.Equal(WorkflowState.Running, contents.Workflow.Status);
    }

    [Fact]
    public async Task FinishAsync_ContinueLastBranchEnds_WorkflowFailsNamingFirstFailure()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = ContinueWorkflow();
        await db.CreateAsync(wf.Blueprint(policy: FailurePolicy.Continue));
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));
        await db.EndAsync(claims[1], TaskState.Completed, T0.AddMinutes(2));

        await db.EndAsync(claims[2], TaskState.Completed, T0.AddMinutes(3));

        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal(WorkflowState.Failed, workflow.Status);
        Assert.Equal($"task 'sketch' ({wf["sketch"]}) failed; 2 other tasks did not complete", workflow.Error);
        Assert.Equal(T0.AddMinutes(3), workflow.CompletedAt);
    }

    [Fact]
    public async Task RescueAsync_RescuesExhaustedInWorkflow_FailFastCancelsTheRest()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var claim = await db.ClaimAsync(wf["sketch"]);

        Assert.True(await db.Attempts.RescueAsync(StoreSteps.Rescue(claim, TaskState.Failed, error: "its worker was lost 3 times")));

        var compile = await db.TaskAsync(wf["compile"]);
        Assert.Equal((TaskState.Cancelled, CancelCause.FailFast), (compile.Status, compile.CancelCause));
        Assert.Equal(WorkflowState.Failed, (await db.WorkflowAsync(wf.Id)).Status);
    }
}
