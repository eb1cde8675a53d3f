using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.ReconcilerGraphs;
using static Baton.Core.Tests.Workflows.WorkflowGraph;

namespace Baton.Core.Tests.Workflows;

/// <summary>How the reconciler moves a workflow on: which phases and tasks it releases, when it completes, and that a second plan changes nothing.</summary>
public sealed class WorkflowReconcilerProgressTests
{
    [Fact]
    public void Plan_Draft_ReleasesAndCancelsNothing()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design").Task("b1", "build").Snapshot(WorkflowState.Draft);

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(WorkflowState.Draft, plan.Status);
        Assert.Empty(plan.Unblock);
        Assert.Empty(plan.Cancel);
        Assert.All(plan.Phases.Values, status => Assert.Equal(WorkflowState.Draft, status));
    }

    [Fact]
    public void Plan_JustStarted_ReleasesOnlyRootPhaseTasks()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design").Phase("ship", "build")
            .Task("d1", "design").Task("d2", "design").Task("b1", "build").Task("s1", "ship").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(["d1", "d2"], plan.Unblock);
        Assert.Empty(plan.Cancel);
        Assert.Equal(WorkflowState.Running, plan.Status);
        Assert.Equal(WorkflowState.Running, plan.Phases["design"]);
        Assert.Equal(WorkflowState.Pending, plan.Phases["build"]);
        Assert.Equal(WorkflowState.Pending, plan.Phases["ship"]);
    }

    [Fact]
    public void Plan_SomeUpstreamPhaseUnfinished_HoldsPhaseBack()
    {
        var snapshot = new WorkflowGraph().Phase("api").Phase("ui").Phase("release", "api", "ui")
            .Task("a1", "api", TaskState.Completed).Task("u1", "ui", TaskState.Running).Task("r1", "release").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.DoesNotContain("r1", plan.Unblock);
        Assert.Equal(WorkflowState.Completed, plan.Phases["api"]);
        Assert.Equal(WorkflowState.Pending, plan.Phases["release"]);
    }

    [Fact]
    public void Plan_AllUpstreamPhasesCompleted_ReleasesPhase()
    {
        var snapshot = new WorkflowGraph().Phase("api").Phase("ui").Phase("release", "api", "ui")
            .Task("a1", "api", TaskState.Completed).Task("u1", "ui", TaskState.Completed).Task("r1", "release").Task("r2", "release").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(["r1", "r2"], plan.Unblock);
        Assert.Equal(WorkflowState.Running, plan.Phases["release"]);
        Assert.Equal(WorkflowState.Running, plan.Status);
    }

    [Fact]
    public void Plan_TwoIndependentPhases_BothRun()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("api", "design").Phase("docs", "design")
            .Task("d1", "design", TaskState.Completed).Task("a1", "api").Task("x1", "docs").Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal(["a1", "x1"], plan.Unblock);
        Assert.Equal(WorkflowState.Running, plan.Phases["api"]);
        Assert.Equal(WorkflowState.Running, plan.Phases["docs"]);
    }

    [Fact]
    public void Plan_TaskDependsOnTaskOfOtherPhase_WaitsUntilThatTaskCompleted()
    {
        var graph = new WorkflowGraph().Phase("api").Phase("docs")
            .Task("a1", "api", TaskState.Running, blocked: false).Task("a2", "api", TaskState.Running, blocked: false)
            .Task("x1", "docs", dependsOn: ["a1"]);

        var waiting = WorkflowReconciler.Plan(graph.Snapshot());
        var released = WorkflowReconciler.Plan(Move(graph.Snapshot(), "a1", TaskState.Completed));

        Assert.DoesNotContain("x1", waiting.Unblock);
        Assert.Equal(WorkflowState.Running, waiting.Phases["docs"]);
        Assert.Equal(["x1"], released.Unblock);
    }

    [Fact]
    public void Plan_AllTasksCompleted_WorkflowAndPhasesCompleted()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design", TaskState.Completed).Task("b1", "build", TaskState.Completed).Task("b2", "build", TaskState.Completed).Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal((WorkflowState.Completed, (string?)null), (plan.Status, plan.Error));
        Assert.All(plan.Phases.Values, status => Assert.Equal(WorkflowState.Completed, status));
        Assert.Empty(plan.Unblock);
        Assert.Empty(plan.Cancel);
    }

    [Fact]
    public void Plan_SomeTasksStillRunning_WorkflowRunning()
    {
        var snapshot = new WorkflowGraph().Phase("design")
            .Task("d1", "design", TaskState.Completed).Task("d2", "design", TaskState.Running).Snapshot();

        var plan = WorkflowReconciler.Plan(snapshot);

        Assert.Equal((WorkflowState.Running, (string?)null), (plan.Status, plan.Error));
    }

    public static TheoryData<string> Scenarios => ["start", "phase-done", "fail-fast", "continue", "cancelled", "completed"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plan_AppliedThenPlannedAgain_YieldsNoNewChanges(string scenario)
    {
        var snapshot = Scenario(scenario);
        var (first, after) = Step(snapshot);

        var second = WorkflowReconciler.Plan(after);

        Assert.Empty(second.Unblock);
        Assert.Empty(second.Cancel);
        Assert.Equal((first.Status, first.Error), (second.Status, second.Error));
        Assert.Equal(first.Phases.OrderBy(p => p.Key), second.Phases.OrderBy(p => p.Key));
    }

    private static WorkflowSnapshot Scenario(string name) => name switch
    {
        "start" => new WorkflowGraph().Phase("a").Phase("b", "a").Task("a1", "a").Task("b1", "b").Snapshot(),
        "phase-done" => new WorkflowGraph().Phase("a").Phase("b", "a").Task("a1", "a", TaskState.Completed).Task("b1", "b").Snapshot(),
        "fail-fast" => new WorkflowGraph().Phase("a").Phase("b", "a")
            .Task("a1", "a", TaskState.Failed).Task("a2", "a", TaskState.Running).Task("b1", "b").Snapshot(),
        "continue" => ContinueGraph().Snapshot(policy: FailurePolicy.Continue),
        "cancelled" => new WorkflowGraph().Phase("a").Task("a1", "a", TaskState.Running).Task("a2", "a").Snapshot(WorkflowState.Cancelled),
        _ => new WorkflowGraph().Phase("a").Task("a1", "a", TaskState.Completed).Snapshot(),
    };
}
