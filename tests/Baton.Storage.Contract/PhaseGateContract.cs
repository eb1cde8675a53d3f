using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>
/// Phase gates and workflow pause as every store must carry them out: a gated phase waits once its upstream
/// completed, a decision and what the rules make of it commit together, and a paused workflow holds what it releases.
/// </summary>
public abstract class PhaseGateContract : StoreContract
{
    [Fact]
    public async Task FinishAsync_UpstreamOfAGatedPhaseCompletes_PhaseWaitsInInputRequiredAndItsTasksStayBlocked()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(Gated("wfgatewait01", FailurePolicy.FailFast), ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: true, result: "built 3 files");
        var contents = (await store.Workflows.GetContentsAsync("wfgatewait01"))!;
        var raised = await store.Events.ReadAsync(new EventQuery(0, new EventFilter(WorkflowId: "wfgatewait01", Types: [EventTypes.PhaseInputRequired])));

        Assert.Equal([WorkflowState.Completed, WorkflowState.InputRequired], contents.Phases.Select(p => p.Status));
        Assert.True(contents.Phases[1].RequiresApproval);
        Assert.Null(contents.Phases[1].Gate);
        Assert.Equal(WorkflowState.Running, contents.Workflow.Status);
        Assert.True(contents.Tasks.Single(t => t.Definition.Name == "upload").Blocked);
        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil));
        var gateEvent = Assert.Single(raised);
        Assert.Equal("ship", gateEvent.PhaseId);
        Assert.Contains("'ship'", gateEvent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideGateAsync_Approve_ReleasesThePhaseWithUpstreamResultsAndFeedbackAndRecordsTheAnswer()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(Gated("wfgateokay01", FailurePolicy.FailFast), ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true, result: "built 3 files");

        var decided = await store.Workflows.DecideGateAsync("wfgateokay01", "ship", Answer(InteractionDecision.Approve, "ship only the CLI"), ContractTimes.Now.AddSeconds(9));
        var upload = await store.ClaimAsync();
        var again = await store.Workflows.DecideGateAsync("wfgateokay01", "ship", Answer(InteractionDecision.Deny, "no"), ContractTimes.Now.AddSeconds(10));
        var contents = (await store.Workflows.GetContentsAsync("wfgateokay01"))!;
        var answered = await store.Events.ReadAsync(new EventQuery(0, new EventFilter(WorkflowId: "wfgateokay01", Types: [EventTypes.InteractionAnswered])));

        Assert.Equal(GateOutcome.Decided, decided.Outcome);
        Assert.NotNull(decided.InteractionId);
        Assert.Equal("upload", upload.Task.Definition.Name);
        Assert.Contains("built 3 files", upload.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Contains("## Feedback from alice, who approved phase 'ship'\nship only the CLI", upload.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Equal(WorkflowState.Running, contents.Phases[1].Status);
        Assert.Equal(new PhaseGateDecision(InteractionDecision.Approve, "ship only the CLI", "alice", ContractTimes.Now.AddSeconds(9)), contents.Phases[1].Gate);
        Assert.Equal(GateOutcome.AlreadyDecided, again.Outcome);
        Assert.True(again.Gate?.Approved);
        var audit = Assert.Single(answered);
        Assert.Contains("alice", audit.Message, StringComparison.Ordinal);
        Assert.Contains("approve", audit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideGateAsync_RejectUnderFailFast_FailsThePhaseTasksAndTheWorkflowWithTheMessage()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(Gated("wfgateno0001", FailurePolicy.FailFast), ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);

        var decided = await store.Workflows.DecideGateAsync("wfgateno0001", "ship", Answer(InteractionDecision.Deny, "not this week"), ContractTimes.Now.AddSeconds(9));
        var contents = (await store.Workflows.GetContentsAsync("wfgateno0001"))!;
        var upload = contents.Tasks.Single(t => t.Definition.Name == "upload");

        Assert.Equal(GateOutcome.Decided, decided.Outcome);
        Assert.Equal(TaskState.Failed, upload.Status);
        Assert.Equal("not run: phase 'ship' was rejected by alice: not this week", upload.Error);
        Assert.Equal(WorkflowState.Failed, contents.Phases[1].Status);
        Assert.Equal(WorkflowState.Failed, contents.Workflow.Status);
        Assert.StartsWith("phase 'ship' was rejected by alice: not this week", contents.Workflow.Error, StringComparison.Ordinal);
        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil));
    }

    [Fact]
    public async Task DecideGateAsync_NothingToDecide_SaysWhyAndChangesNothing()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(Gated("wfgatebad001", FailurePolicy.FailFast), ContractTimes.Now);
        var approve = Answer(InteractionDecision.Approve, null);

        var early = await store.Workflows.DecideGateAsync("wfgatebad001", "ship", approve, ContractTimes.Now);
        var ungated = await store.Workflows.DecideGateAsync("wfgatebad001", "build", approve, ContractTimes.Now);
        var unknown = await store.Workflows.DecideGateAsync("wfgatebad001", "deploy", approve, ContractTimes.Now);
        var nothing = await store.Workflows.DecideGateAsync("wfnosuch0001", "ship", approve, ContractTimes.Now);
        var contents = (await store.Workflows.GetContentsAsync("wfgatebad001"))!;

        Assert.Equal((GateOutcome.NotWaiting, WorkflowState.Pending), (early.Outcome, early.PhaseStatus));
        Assert.Equal(GateOutcome.NoGate, ungated.Outcome);
        Assert.Equal(GateOutcome.NoPhase, unknown.Outcome);
        Assert.Equal(["build", "ship"], unknown.Phases);
        Assert.Equal(GateOutcome.NoWorkflow, nothing.Outcome);
        Assert.Null(contents.Phases[1].Gate);
    }

    [Fact]
    public async Task SetPausedAsync_PausedWorkflow_ShowsPausedAndHoldsWhatItReleasesUntilResumed()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfpause00001", FailurePolicy.FailFast, "compile"), ContractTimes.Now);
        var compile = await store.ClaimAsync();

        var paused = await store.Workflows.SetPausedAsync("wfpause00001", "alice", ContractTimes.Now.AddSeconds(1));
        var twice = await store.Workflows.SetPausedAsync("wfpause00001", "bob", ContractTimes.Now.AddSeconds(2));
        await store.FinishAsync(compile, completed: true);
        var whilePaused = (await store.Workflows.GetContentsAsync("wfpause00001"))!;
        var claimed = await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now.AddSeconds(6), ContractTimes.LeaseUntil);
        var resumed = await store.Workflows.SetPausedAsync("wfpause00001", null, ContractTimes.Now.AddSeconds(7));
        var after = (await store.Workflows.GetContentsAsync("wfpause00001"))!;

        Assert.True(paused);
        Assert.False(twice);
        Assert.Equal(WorkflowState.Paused, whilePaused.Workflow.Status);
        Assert.Equal(("alice", ContractTimes.Now.AddSeconds(1)), (whilePaused.Workflow.PausedBy, whilePaused.Workflow.PausedAt));
        var upload = whilePaused.Tasks.Single(t => t.Definition.Name == "upload");
        Assert.Equal((TaskState.Paused, false), (upload.Status, upload.Blocked));
        Assert.Null(claimed);
        Assert.True(resumed);
        Assert.Equal(WorkflowState.Running, after.Workflow.Status);
        Assert.Null(after.Workflow.PausedAt);
    }

    [Fact]
    public async Task SetPausedAsync_DraftOrEndedWorkflow_Refused()
    {
        await using var store = await OpenAsync();
        var draft = ContractSteps.TwoPhases("wfpausedraft", FailurePolicy.FailFast, "compile");
        await store.Workflows.CreateAsync(draft with { Workflow = draft.Workflow with { Status = WorkflowState.Draft, StartedAt = null } }, ContractTimes.Now);
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfpauseended", FailurePolicy.FailFast, "compile"), ContractTimes.Now);
        await store.Workflows.CancelAsync("wfpauseended", ContractTimes.Now);

        Assert.False(await store.Workflows.SetPausedAsync("wfpausedraft", "alice", ContractTimes.Now));
        Assert.False(await store.Workflows.SetPausedAsync("wfpauseended", "alice", ContractTimes.Now));
        Assert.False(await store.Workflows.SetPausedAsync("wfpausedraft", null, ContractTimes.Now));
    }

    /// <summary>The two-phase workflow of <see cref="ContractSteps.TwoPhases"/> with its second phase, ship, gated.</summary>
    private static WorkflowBlueprint Gated(string workflowId, FailurePolicy policy)
    {
        var blueprint = ContractSteps.TwoPhases(workflowId, policy, "compile");
        return blueprint with { Phases = [blueprint.Phases[0], blueprint.Phases[1] with { RequiresApproval = true }] };
    }

    private static InteractionResponse Answer(InteractionDecision decision, string? message) =>
        new() { Decision = decision, Message = message, RespondedBy = "alice" };
}
