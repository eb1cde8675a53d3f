using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>Re-running a workflow from a failed task: retrying it re-opens the workflow and what its failure cancelled.</summary>
public abstract class WorkflowRetryContract : StoreContract
{
    [Fact]
    public async Task RequeueAsync_FailedTaskOfFailedWorkflow_ReopensItAndItsDependentsRunAfterIt()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfretry00001", FailurePolicy.FailFast, "compile"), ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "exit code 2");
        Assert.Equal(WorkflowState.Failed, (await store.Workflows.GetContentsAsync("wfretry00001"))!.Workflow.Status);

        var retried = await store.Tasks.RequeueAsync("wfretry00001b0", ContractTimes.Now.AddMinutes(1));
        var reopened = (await store.Workflows.GetContentsAsync("wfretry00001"))!;
        var upload = reopened.Tasks.Single(t => t.Definition.Name == "upload");

        Assert.Equal(RequeueOutcome.Requeued, retried.Outcome);
        Assert.Equal(WorkflowState.Running, reopened.Workflow.Status);
        Assert.Null(reopened.Workflow.Error);
        Assert.Equal(TaskState.Pending, upload.Status);
        Assert.True(upload.Blocked);

        var compile = await store.ClaimAsync(at: ContractTimes.Now.AddMinutes(1));
        Assert.Equal("compile", compile.Task.Definition.Name);
        await store.FinishAsync(compile, completed: true, result: "built");
        var next = await store.ClaimAsync(at: ContractTimes.Now.AddMinutes(2));
        Assert.Equal("upload", next.Task.Definition.Name);
        await store.FinishAsync(next, completed: true);

        Assert.Equal(WorkflowState.Completed, (await store.Workflows.GetContentsAsync("wfretry00001"))!.Workflow.Status);
    }
}
