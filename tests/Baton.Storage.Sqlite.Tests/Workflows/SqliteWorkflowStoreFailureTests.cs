using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

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
    public async Task RequeueAsync_FailedTaskOfFailedWorkflow_ReopensWorkflowAndCancelledTasks()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Failed, T0);
        Assert.Equal(WorkflowState.Failed, (await db.WorkflowAsync(wf.Id)).Status);

        var result = await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(1));

        Assert.Equal(RequeueOutcome.Requeued, result.Outcome);
        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal((WorkflowState.Running, (string?)null, (DateTimeOffset?)null), (workflow.Status, workflow.Error, workflow.CompletedAt));
        var compile = await db.TaskAsync(wf["compile"]);
        Assert.Equal((TaskState.Pending, true, (CancelCause?)null, (string?)null), (compile.Status, compile.Blocked, compile.CancelCause, compile.Error));
        Assert.Equal(WorkflowState.Running, (await db.PhaseAsync(wf.Id, "design")).Status);
    }

    [Fact]
    public async Task RequeueAsync_FailedTaskOfFailedWorkflow_ReopenedTasksRunAfterItCompletes()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Failed, T0);
        await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(1));

        var retried = await db.ClaimAsync(wf["sketch"], T0.AddMinutes(1));
        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(1)));
        await db.EndAsync(retried, TaskState.Completed, T0.AddMinutes(2), result: "second try");
        await db.RunAsync(wf["compile"], TaskState.Completed, T0.AddMinutes(3));

        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal((WorkflowState.Completed, (string?)null), (workflow.Status, workflow.Error));
        Assert.Contains("second try", (await db.TaskAsync(wf["compile"])).UpstreamContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequeueAsync_ContinueFailure_ReopensUpstreamCancelledTasks()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = ContinueWorkflow();
        await db.CreateAsync(wf.Blueprint(policy: FailurePolicy.Continue));
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));
        await db.EndAsync(claims[1], TaskState.Completed, T0.AddMinutes(1));
        await db.EndAsync(claims[2], TaskState.Completed, T0.AddMinutes(1));
        Assert.Equal(WorkflowState.Failed, (await db.WorkflowAsync(wf.Id)).Status);

        await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(2));
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(2));

        Assert.Equal([wf["compile"], wf["examples"]], (await db.ClaimAllAsync(T0.AddMinutes(3))).Select(c => c.Task.Id));
        Assert.Equal(WorkflowState.Running, (await db.WorkflowAsync(wf.Id)).Status);
    }

    [Fact]
    public async Task RequeueAsync_TaskOfCancelledWorkflow_ReturnsWorkflowCancelled()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.Workflows.CancelAsync(wf.Id, T0);

        var result = await db.Tasks.RequeueAsync(wf["compile"], T0.AddMinutes(1));

        Assert.Equal(RequeueOutcome.WorkflowCancelled, result.Outcome);
        Assert.Equal(TaskState.Cancelled, (await db.TaskAsync(wf["compile"])).Status);
        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(1)));
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

    [Fact]
    public async Task ContinueAsync_FailedTaskOfFailFastWorkflow_ReopensCancelledTasksAndWorkflowCompletes()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Failed, T0);

        await db.Tasks.ContinueAsync(wf["sketch"], "try again, smaller", T0.AddMinutes(1));
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(1));

        // The follow-up succeeded: what fail_fast cancelled must run, or at least the workflow must end; it must not
        // stay running with nothing left to run.
        var compile = await db.TaskAsync(wf["compile"]);
        var workflow = await db.WorkflowAsync(wf.Id);
        Assert.Equal((TaskState.Pending, WorkflowState.Running), (compile.Status, workflow.Status));
        await db.RunAsync(wf["compile"], TaskState.Completed, T0.AddMinutes(2));
        Assert.Equal(WorkflowState.Completed, (await db.WorkflowAsync(wf.Id)).Status);
    }

    [Fact]
    public async Task ContinueAsync_TaskOfCancelledWorkflow_ReturnsWorkflowCancelled()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        var claim = await db.ClaimAsync(wf["sketch"]);
        await db.Workflows.CancelAsync(wf.Id, T0.AddMinutes(1));
        await db.EndAsync(claim, TaskState.Cancelled, T0.AddMinutes(2));

        var result = await db.Tasks.ContinueAsync(wf["sketch"], "go on", T0.AddMinutes(3));

        // As for a retry: a follow-up cannot run in a cancelled workflow, and the caller must be told so.
        Assert.Equal(RequeueOutcome.WorkflowCancelled, result.Outcome);
    }

    [Fact]
    public async Task RequeueAsync_OneOfTwoFailFastFailures_TaskStaysPendingAfterItIsRequeued()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design")
            .Task("design", "sketch").Task("design", "survey").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));
        await db.EndAsync(claims[1], TaskState.Failed, T0.AddMinutes(1));

        var result = await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(2));

        // "Requeued" must mean the task will run; survey's earlier failure must not cancel it again at once.
        Assert.Equal(RequeueOutcome.Requeued, result.Outcome);
        Assert.Equal(TaskState.Pending, result.Task!.Status);
    }

    /// <summary>
    /// design: sketch, survey; build after design: compile; docs (independent): guide, examples (depends on sketch).
    /// Claim order: sketch, survey, guide.
    /// </summary>
    private static TestWorkflow ContinueWorkflow() => new TestWorkflow()
        .Phase("design").Phase("build", "design").Phase("docs")
        .Task("design", "sketch").Task("design", "survey").Task("build", "compile").Task("docs", "guide").Task("docs", "examples", "sketch");

    private static async Task<(WorkflowState, string?)> StatusAsync(WorkflowDatabase db, TestWorkflow wf)
    {
        var workflow = await db.WorkflowAsync(wf.Id);
        return (workflow.Status, workflow.Error);
    }
}
