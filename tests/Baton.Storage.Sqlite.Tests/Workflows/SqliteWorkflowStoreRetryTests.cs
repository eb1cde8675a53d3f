using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;
using static Baton.Storage.Sqlite.Tests.Workflows.FailureWorkflows;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Retrying or continuing a failed task of a workflow in the store: what its failure cancelled is reopened, unless the workflow was cancelled.</summary>
public sealed class SqliteWorkflowStoreRetryTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

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
}
