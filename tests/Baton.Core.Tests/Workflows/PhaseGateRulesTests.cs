using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Notifications;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.WorkflowGraph;

namespace Baton.Core.Tests.Workflows;

public sealed class PhaseGateRulesTests
{
    private static readonly PhaseGateDecision Approved = new(InteractionDecision.Approve, "keep it small", "alice", Now);
    private static readonly PhaseGateDecision Rejected = new(InteractionDecision.Deny, "the design is wrong", "alice", Now);

    [Fact]
    public void Plan_GatedPhaseWhoseDependenciesCompleted_WaitsInInputRequiredAndReleasesNothing()
    {
        var snapshot = new WorkflowGraph().Phase("design").GatedPhase("build", null, "design")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build").Task("b2", "build").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.InputRequired, plan.Phases["build"]);
        Assert.Empty(plan.Unblock);
        Assert.Empty(plan.Cancel);
        Assert.Empty(plan.Fail);
        Assert.Equal(WorkflowState.Running, plan.Status);
    }

    [Fact]
    public void Plan_GatedPhaseWhoseDependenciesRun_StaysPending()
    {
        var snapshot = new WorkflowGraph().Phase("design").GatedPhase("build", null, "design")
            .Task("d1", "design", TaskState.Running, blocked: false).Task("b1", "build").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Pending, plan.Phases["build"]);
    }

    [Fact]
    public void Plan_GatedRootPhase_WaitsAsSoonAsTheWorkflowStarts()
    {
        var snapshot = new WorkflowGraph().GatedPhase("deploy", null).Task("x1", "deploy").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.InputRequired, plan.Phases["deploy"]);
        Assert.Empty(plan.Unblock);
    }

    [Fact]
    public void Plan_GateApproved_ReleasesThePhasesTasks()
    {
        var snapshot = new WorkflowGraph().Phase("design").GatedPhase("build", Approved, "design")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build").Task("b2", "build").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Running, plan.Phases["build"]);
        Assert.Equal(["b1", "b2"], plan.Unblock);
    }

    [Fact]
    public void Plan_GateRejectedUnderFailFast_FailsThePhaseAndTheWorkflowNamingTheRejection()
    {
        var snapshot = new WorkflowGraph().Phase("design").GatedPhase("build", Rejected, "design").Phase("docs").Phase("ship", "build")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build").Task("o1", "docs", TaskState.Pending, blocked: false).Task("s1", "ship").Snapshot();

        var (plan, after) = Step(snapshot);

        Assert.Equal(["b1"], plan.Fail.Select(f => f.TaskId));
        Assert.Equal("not run: phase 'build' was rejected by alice: the design is wrong", plan.Fail[0].Reason);
        Assert.Equal(WorkflowState.Failed, plan.Phases["build"]);
        Assert.Equal(WorkflowState.Failed, plan.Status);
        Assert.StartsWith("phase 'build' was rejected by alice: the design is wrong", plan.Error, StringComparison.Ordinal);
        // fail_fast: what had not started is cancelled, the independent branch included.
        Assert.Equal(TaskState.Cancelled, after.Tasks.Single(t => t.Id == "o1").Status);
        Assert.Equal(TaskState.Cancelled, after.Tasks.Single(t => t.Id == "s1").Status);
    }

    [Fact]
    public void Plan_GateRejectedUnderContinue_CancelsOnlyItsDependentsAndTheRestGoesOn()
    {
        var snapshot = new WorkflowGraph().Phase("design").GatedPhase("build", Rejected, "design").Phase("docs").Phase("ship", "build")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build").Task("o1", "docs", TaskState.Running, blocked: false).Task("s1", "ship")
            .Snapshot(policy: FailurePolicy.Continue);

        var (plan, after) = Step(snapshot);

        Assert.Equal(WorkflowState.Failed, plan.Phases["build"]);
        Assert.Equal(TaskState.Failed, after.Tasks.Single(t => t.Id == "b1").Status);
        Assert.Equal(TaskState.Cancelled, after.Tasks.Single(t => t.Id == "s1").Status);
        Assert.Equal(TaskState.Running, after.Tasks.Single(t => t.Id == "o1").Status);
        Assert.Equal(WorkflowState.Running, plan.Status);

        var (_, ended) = Step(Move(after, "o1", TaskState.Completed));
        Assert.Equal(WorkflowState.Failed, ended.Workflow.Status);
        Assert.StartsWith("phase 'build' was rejected by alice", ended.Workflow.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GateRejectedWithoutMessage_SaysWhoRejectedIt()
    {
        var snapshot = new WorkflowGraph().GatedPhase("deploy", Rejected with { Message = null }).Task("x1", "deploy").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal("not run: phase 'deploy' was rejected by alice", plan.Fail.Single().Reason);
    }

    [Fact]
    public void Plan_CancelledWorkflowWithAWaitingGate_CancelsThePhase()
    {
        var snapshot = new WorkflowGraph().GatedPhase("deploy", null).Task("x1", "deploy").Snapshot(WorkflowState.Cancelled);

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Cancelled, plan.Phases["deploy"]);
        Assert.Empty(plan.Fail);
        Assert.Equal("x1", plan.Cancel.Single().TaskId);
    }

    [Fact]
    public void Plan_PausedWorkflow_ShowsPausedUntilItEnds()
    {
        var graph = new WorkflowGraph().Phase("build").Task("b1", "build", TaskState.Paused, blocked: false).Task("b2", "build", TaskState.Completed);
        var paused = graph.Snapshot();
        paused = paused with { Workflow = paused.Workflow with { PausedAt = Now } };

        Assert.Equal(WorkflowState.Paused, WorkflowReconciler.Plan(paused).Status);
        Assert.Equal(WorkflowState.Running, WorkflowReconciler.Plan(graph.Snapshot()).Status);
        Assert.Equal(WorkflowState.Completed, WorkflowReconciler.Plan(Move(paused, "b1", TaskState.Completed)).Status);
    }

    [Fact]
    public void FeedbackSection_Approval_NamesTheApproverAndCarriesTheText()
    {
        Assert.Equal("## Feedback from alice, who approved phase 'build'\nkeep it small\n", Approved.FeedbackSection("build"));
        Assert.Null((Approved with { Message = " " }).FeedbackSection("build"));
        Assert.Null(Rejected.FeedbackSection("build"));
    }

    [Fact]
    public void Raised_WaitingGate_IsPhaseInputRequiredWithTheSummaryForTheOwnerAndNoPhaseEventBeside()
    {
        var phase = new PhaseRecord { PhaseId = "build", Name = "build", DependsOn = [], Position = 0, Status = WorkflowState.Pending, RequiresApproval = true };
        var gate = PhaseGates.NewGate(Workflow(WorkflowState.Running), phase, null, Now);

        var draft = InteractionEvents.Raised(gate, null, "alice", reminder: false, Now);

        Assert.Equal(EventTypes.PhaseInputRequired, draft.Type);
        Assert.Equal(NotificationKinds.InputRequired, draft.Notify);
        Assert.Equal(gate.Ask.Summary, draft.Message);
        Assert.Equal(("build", (string?)null), (draft.PhaseId, draft.TaskId));
        Assert.Contains(gate.Id, draft.Data, StringComparison.Ordinal);
        Assert.Null(EventRules.ForPhase(WorkflowId, "build", WorkflowState.Pending, WorkflowState.InputRequired, "alice", Now));
        Assert.Equal(EventTypes.PhaseStarted, EventRules.ForPhase(WorkflowId, "build", WorkflowState.InputRequired, WorkflowState.Running, "alice", Now)?.Type);
    }

    [Fact]
    public void ForWorkflow_PausedAndResumed_IsNeitherAStartNorAnEnd()
    {
        Assert.Null(EventRules.ForWorkflow(WorkflowId, WorkflowState.Running, WorkflowState.Paused, null, "alice", Now));
        Assert.Null(EventRules.ForWorkflow(WorkflowId, WorkflowState.Paused, WorkflowState.Running, null, "alice", Now));
        Assert.Equal(EventTypes.WorkflowCancelled, EventRules.ForWorkflow(WorkflowId, WorkflowState.Paused, WorkflowState.Cancelled, "x", "alice", Now)?.Type);
    }

    [Fact]
    public void NewGate_ShowsTheUpstreamResultsAndHowToAnswer()
    {
        var workflow = Workflow(WorkflowState.Running);
        var phase = new PhaseRecord { PhaseId = "build", Name = "Build", DependsOn = ["design"], Position = 1, Status = WorkflowState.Pending, RequiresApproval = true };

        var gate = PhaseGates.NewGate(workflow, phase, "## Results of the tasks this task depends on\n\n### d1 ...\n", Now);

        Assert.Equal(InteractionKind.PhaseGate, gate.Ask.Kind);
        Assert.Equal(InteractionStatus.Open, gate.Status);
        Assert.Null(gate.TaskId);
        Assert.Equal(("wf0000000001", "build"), (gate.WorkflowId, gate.PhaseId));
        Assert.Contains("'build'", gate.Ask.Summary, StringComparison.Ordinal);
        Assert.Contains("### d1", gate.Ask.Detail, StringComparison.Ordinal);
        Assert.Contains($"baton workflow approve {WorkflowId} build", gate.Ask.Detail, StringComparison.Ordinal);
        Assert.True(InteractionIds.LooksLikeId(gate.Id));
    }
}
