using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>Workflow advancement as every store must carry it out: in the transaction of the change that moved the graph.</summary>
public abstract class WorkflowAdvancementContract : StoreContract
{
    [Fact]
    public async Task FinishAsync_LastTaskOfPhase_ReleasesTheNextPhaseWithItsUpstreamSummary()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfrelease001", FailurePolicy.FailFast, "compile"), ContractTimes.Now);

        var compile = await store.ClaimAsync();
        await store.FinishAsync(compile, completed: true, result: "built 3 files");
        var upload = await store.ClaimAsync();
        await store.FinishAsync(upload, completed: true);
        var contents = (await store.Workflows.GetContentsAsync("wfrelease001"))!;

        Assert.Equal(("compile", "upload"), (compile.Task.Definition.Name, upload.Task.Definition.Name));
        Assert.StartsWith(UpstreamSummary.Heading, upload.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Contains("### compile (task wfrelease001b0, command make, completed)\nbuilt 3 files", upload.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Equal(WorkflowState.Completed, contents.Workflow.Status);
        Assert.All(contents.Phases, p => Assert.Equal(WorkflowState.Completed, p.Status));
    }

    [Fact]
    public async Task FinishAsync_FailureUnderFailFast_CancelsWhatHasNotStartedWithItsCauseAndFailsTheWorkflow()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wffailfast01", FailurePolicy.FailFast, "compile", "lint"), ContractTimes.Now);

        var compile = await store.ClaimAsync();
        await store.FinishAsync(compile, completed: false, error: "exit code 2");
        var contents = (await store.Workflows.GetContentsAsync("wffailfast01"))!;
        var lint = contents.Tasks.Single(t => t.Definition.Name == "lint");
        var upload = contents.Tasks.Single(t => t.Definition.Name == "upload");

        Assert.Equal((TaskState.Cancelled, CancelCause.FailFast), (lint.Status, lint.CancelCause));
        Assert.Equal((TaskState.Cancelled, CancelCause.FailFast), (upload.Status, upload.CancelCause));
        Assert.Equal("not run: the workflow stopped (fail_fast) when 'compile' (wffailfast01b0) failed", lint.Error);
        Assert.Equal(WorkflowState.Failed, contents.Workflow.Status);
        Assert.StartsWith("task 'compile' (wffailfast01b0) failed", contents.Workflow.Error, StringComparison.Ordinal);
        Assert.Equal([WorkflowState.Failed, WorkflowState.Cancelled], contents.Phases.Select(p => p.Status));
        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil));
    }

    [Fact]
    public async Task FinishAsync_FailureUnderContinue_CancelsTheNextPhaseAsUpstream()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfcontinue01", FailurePolicy.Continue, "compile", "lint"), ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "exit code 2");
        var lint = await store.ClaimAsync();
        var before = (await store.Workflows.GetContentsAsync("wfcontinue01"))!;
        await store.FinishAsync(lint, completed: true);
        var after = (await store.Workflows.GetContentsAsync("wfcontinue01"))!;
        var upload = after.Tasks.Single(t => t.Definition.Name == "upload");

        Assert.Equal("lint", lint.Task.Definition.Name);
        Assert.Equal(WorkflowState.Running, before.Workflow.Status);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (upload.Status, upload.CancelCause));
        Assert.Equal(WorkflowState.Failed, after.Workflow.Status);
    }

    [Fact]
    public async Task FinishAsync_UpstreamOfATaskOnItsOwnFails_CancelsItAsUpstream()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_upstream", ContractTimes.Command("compile"), ContractTimes.Now);
        await store.Tasks.EnqueueAsync("task_downstr", ContractTimes.Command("deploy") with { DependsOn = ["task_upstream"] }, ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "exit code 1");
        var downstream = (await store.Tasks.GetTaskAsync("task_downstr"))!;

        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (downstream.Status, downstream.CancelCause));
        Assert.Equal("not run: the task it depends on, 'compile' (task_upstream), failed", downstream.Error);
    }
}
