using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.ReconcilerGraphs;
using static Baton.Core.Tests.Workflows.WorkflowGraph;

namespace Baton.Core.Tests.Workflows;

/// <summary>How the reconciler stops work: a fail_fast or continue failure, a cancelled workflow, and tasks its rules cancelled before.</summary>
public sealed class WorkflowReconcilerFailureTests
{
    [Fact]
    public void Plan_FailFastFailure_CancelsEveryPendingTaskAndFailsWorkflow()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design", TaskState.Failed).Task("d2", "design", TaskState.Running).Task("d3", "design", TaskState.Retrying)
            .Task("d4", "design", blocked: false).Task("b1", "build").Task("b2", "build").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(["d4", "b1", "b2"], plan.Cancel.Select(c => c.TaskId));
        Assert.All(plan.Cancel, c => Assert.Equal(CancelCause.FailFast, c.Cause));
        Assert.All(plan.Cancel, c => Assert.Equal("not run: the workflow stopped (fail_fast) when 'd1-name' (d1) failed", c.Reason));
        Assert.Empty(plan.Unblock);
        Assert.Equal(WorkflowState.Failed, plan.Status);
        Assert.Equal("task 'd1-name' (d1) failed; 3 other tasks did not complete", plan.Error);
    }

    [Fact]
    public void Plan_FailFastTimeout_ErrorSaysTimedOut()
    {
        var snapshot = new WorkflowGraph().Phase("design").Task("d1", "design", TaskState.TimedOut).Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Failed, plan.Status);
        Assert.Equal("task 'd1-name' (d1) timed out", plan.Error);
        Assert.Equal(WorkflowState.Failed, plan.Phases["design"]);
    }

    [Fact]
    public void Plan_ContinueFailure_CancelsTaskEdgeDependentsTransitivelyWithReason()
    {
        var snapshot = ContinueGraph().Snapshot(policy: FailurePolicy.Continue);

        var plan = WorkflowReconciler.Plan(snapshot);

        var cancels = plan.Cancel.ToDictionary(c => c.TaskId);
        Assert.Equal(["b1", "s1", "x2", "x3"], cancels.Keys.Order());
        Assert.Equal(new TaskCancellation("x2", CancelCause.Upstream, "not run: the task it depends on, 'd1-name' (d1), failed"), cancels["x2"]);
        Assert.Equal(new TaskCancellation("x3", CancelCause.Upstream, "not run: the task it depends on, 'x2-name' (x2), was cancelled"), cancels["x3"]);
        Assert.Equal(WorkflowState.Running, plan.Status);
        Assert.Null(plan.Error);
    }

    [Fact]
    public void Plan_ContinueFailure_IndependentBranchKeepsRunning()
    {
        var snapshot = ContinueGraph().Snapshot(policy: FailurePolicy.Continue);

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.DoesNotContain(plan.Cancel, c => c.TaskId is "d2" or "x1");
        Assert.Contains("x1", plan.Unblock);
        Assert.Equal(WorkflowState.Running, plan.Phases["docs"]);
    }

    [Fact]
    public void Plan_ContinueTaskOfPhaseFailedSiblingRunning_CancelsDownstreamPhasesAtOnceWithReason()
    {
        // The failed task's phase can never complete, so what depends on it is cancelled now, while d2 still runs.
        var plan = WorkflowReconciler.Plan(ContinueGraph().Snapshot(policy: FailurePolicy.Continue));

        var cancels = plan.Cancel.ToDictionary(c => c.TaskId);
        Assert.Equal(
            new TaskCancellation("b1", CancelCause.Upstream, "not run: phase 'design' that its phase depends on cannot complete: its task 'd1-name' (d1) failed"),
            cancels["b1"]);
        Assert.Equal(new TaskCancellation("s1", CancelCause.Upstream, "not run: phase 'build' that its phase depends on was cancelled"), cancels["s1"]);
        Assert.DoesNotContain("d2", cancels.Keys);
        Assert.Equal(WorkflowState.Running, plan.Phases["design"]);
        Assert.Equal(WorkflowState.Cancelled, plan.Phases["build"]);
        Assert.Equal(WorkflowState.Cancelled, plan.Phases["ship"]);
        Assert.Equal(WorkflowState.Running, plan.Status);
    }

    [Fact]
    public void Plan_ContinueFailedPhaseEnds_PhaseFailedAndNothingMoreCancelled()
    {
        var (_, afterFailure) = Step(ContinueGraph().Snapshot(policy: FailurePolicy.Continue));

        var plan = WorkflowReconciler.Plan(Move(afterFailure, "d2", TaskState.Completed));

        Assert.Empty(plan.Cancel);
        Assert.Equal(WorkflowState.Failed, plan.Phases["design"]);
        Assert.Equal(WorkflowState.Cancelled, plan.Phases["build"]);
        Assert.Equal(WorkflowState.Running, plan.Status);
    }

    [Fact]
    public void Plan_ContinueEverythingEnded_WorkflowFailsNamingFirstFailure()
    {
        var (_, afterFailure) = Step(ContinueGraph().Snapshot(policy: FailurePolicy.Continue));
        var (_, afterPhase) = Step(Move(afterFailure, "d2", TaskState.Completed));

        var plan = WorkflowReconciler.Plan(Move(afterPhase, "x1", TaskState.Completed));

        Assert.Equal(WorkflowState.Failed, plan.Status);
        Assert.Equal("task 'd1-name' (d1) failed; 4 other tasks did not complete", plan.Error);
        Assert.Equal(WorkflowState.Cancelled, plan.Phases["docs"]);
    }

    [Fact]
    public void Plan_ContinueOneFailureOnly_ErrorHasNoCountOfOthers()
    {
        var snapshot = new WorkflowGraph().Phase("api").Phase("docs")
            .Task("a1", "api", TaskState.Failed).Task("x1", "docs", TaskState.Completed).Snapshot(policy: FailurePolicy.Continue);

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal((WorkflowState.Failed, "task 'a1-name' (a1) failed"), (plan.Status, plan.Error));
    }

    [Fact]
    public void Plan_WorkflowCancelledByUser_CancelsPendingTasksWithWorkflowCause()
    {
        var graph = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design", TaskState.Running).Task("d2", "design", blocked: false).Task("b1", "build");
        var snapshot = graph.Snapshot(WorkflowState.Cancelled) with { Workflow = Workflow(WorkflowState.Cancelled, error: "cancelled by a user") };

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(["d2", "b1"], plan.Cancel.Select(c => c.TaskId));
        Assert.All(plan.Cancel, c => Assert.Equal((CancelCause.Workflow, "not run: the workflow was cancelled"), (c.Cause, c.Reason)));
        Assert.Empty(plan.Unblock);
        Assert.Equal((WorkflowState.Cancelled, "cancelled by a user"), (plan.Status, plan.Error));
        Assert.Equal(WorkflowState.Cancelled, plan.Phases["build"]);
    }

    [Fact]
    public void Plan_RetriedTaskPendingAgain_RulesCancelledTasksNotCountedAsFailures()
    {
        // After a retry the store re-opens the workflow; a task the rules cancelled must not fail it again by itself.
        var snapshot = new WorkflowGraph().Phase("design")
            .Task("d1", "design").Task("d2", "design", TaskState.Cancelled, cause: CancelCause.FailFast).Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Running, plan.Status);
        Assert.Equal(["d1"], plan.Unblock);
        Assert.Empty(plan.Cancel);
    }

    [Fact]
    public void Plan_EveryTaskEndedOnlyRuleCancelledLeft_WorkflowEnds()
    {
        // Reached when a failed task is continued (follow-up) and completes: what fail_fast cancelled stays cancelled.
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build", TaskState.Cancelled, cause: CancelCause.FailFast).Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.True(plan.Status.IsEnded(), $"the workflow is {plan.Status.ToWire()} though none of its tasks can ever run again");
    }

    [Fact]
    public void Plan_ThousandTaskChainAfterFirstFails_CancelsWholeChain()
    {
        var graph = new WorkflowGraph().Phase("chain").Task("t0", "chain", TaskState.Failed);
        for (var i = 1; i < 1000; i++)
        {
            graph.Task($"t{i}", "chain", dependsOn: [$"t{i - 1}"]);
        }

        var plan = WorkflowReconciler.Plan(graph.Snapshot(policy: FailurePolicy.Continue));

        Assert.Equal(999, plan.Cancel.Count);
        Assert.Equal(WorkflowState.Failed, plan.Status);
    }
}
