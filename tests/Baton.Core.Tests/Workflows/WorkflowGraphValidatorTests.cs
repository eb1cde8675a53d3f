using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.WorkflowGraph;

namespace Baton.Core.Tests.Workflows;

public sealed class WorkflowGraphValidatorTests
{
    [Fact]
    public void CheckNewPhase_DuplicateId_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckNewPhase(snapshot, "design", []));

        Assert.Equal($"workflow {WorkflowId} already has a phase 'design'; phase ids must be unique within a workflow", error.Message);
    }

    [Fact]
    public void CheckNewPhase_UnknownDependency_ThrowsListingKnownPhases()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckNewPhase(snapshot, "ship", ["build", "tests"]));

        Assert.Equal(
            $"phase 'ship' depends on 'tests', which is not a phase of workflow {WorkflowId}; its phases are 'design', 'build' (add a phase before the phases that depend on it)",
            error.Message);
    }

    [Fact]
    public void CheckNewPhase_UnknownDependencyWithoutPhases_SaysThereAreNone()
    {
        var snapshot = new WorkflowGraph().Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckNewPhase(snapshot, "build", ["design"]));

        Assert.Contains("'design', which is not a phase", error.Message, StringComparison.Ordinal);
        Assert.Contains("it has no phases yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNewPhase_DependsOnItself_Throws()
    {
        var snapshot = new WorkflowGraph().Phase("design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckNewPhase(snapshot, "build", ["design", "build"]));

        Assert.Equal("phase 'build' cannot depend on itself", error.Message);
    }

    [Fact]
    public void CheckNewPhase_DependencyListedTwice_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckNewPhase(snapshot, "build", ["design", "design"]));

        Assert.Equal("depends_on lists phase 'design' twice", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/es")]
    public void CheckPhaseId_BadCharacters_ThrowsNamingTheRule(string phaseId)
    {
        var error = Invalid(() => WorkflowGraphValidator.CheckPhaseId(phaseId));

        Assert.Equal($"phase id '{phaseId}' must be 1 to 64 characters: letters, digits, '-', '_' or '.'", error.Message);
    }

    [Fact]
    public void CheckPhaseId_SixtyFourAllowedCharacters_Accepted()
    {
        var error = Record.Exception(() => WorkflowGraphValidator.CheckPhaseId("a-b_c.9" + new string('x', 57)));

        Assert.Null(error);
    }

    [Fact]
    public void CheckStartable_NoPhases_ThrowsSayingHowToAddOne()
    {
        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(new WorkflowGraph().Snapshot(WorkflowState.Draft)));

        Assert.StartsWith($"workflow {WorkflowId} has no phases; add one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStartable_EmptyPhase_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design").Task("d1", "design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.StartsWith($"phase 'build' of workflow {WorkflowId} has no tasks;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStartable_TwoEmptyPhases_ThrowsNamingBoth()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build").Phase("ship").Task("d1", "design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.StartsWith($"phases 'build', 'ship' of workflow {WorkflowId} have no tasks;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStartable_DuplicatePhaseIds_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("design").Task("d1", "design").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Equal($"workflow {WorkflowId} has two phases with the id 'design'; phase ids must be unique", error.Message);
    }

    [Fact]
    public void CheckStartable_UnknownPhaseDependency_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("build", "design").Task("b1", "build").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Equal($"phase 'build' depends on 'design', which is not a phase of workflow {WorkflowId}", error.Message);
    }

    [Fact]
    public void CheckStartable_CycleAmongPhases_ThrowsPrintingTheCycle()
    {
        var snapshot = new WorkflowGraph().Phase("design", "build").Phase("build", "design")
            .Task("d1", "design").Task("b1", "build").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Equal($"workflow {WorkflowId} has a dependency cycle: design → build → design; no task on it could ever start", error.Message);
    }

    [Fact]
    public void CheckStartable_LongerPhaseCycleBehindRoot_PrintsOnlyTheCycle()
    {
        var snapshot = new WorkflowGraph().Phase("root").Phase("a", "root", "c").Phase("b", "a").Phase("c", "b")
            .Task("r1", "root").Task("a1", "a").Task("b1", "b").Task("c1", "c").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Contains("cycle: a → c → b → a;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStartable_CycleThroughTaskDependency_ThrowsNamingPhaseAndTasks()
    {
        // design's task waits for build's task, but build waits for all of design.
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design")
            .Task("d1", "design", dependsOn: ["b1"]).Task("b1", "build").Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Equal(
            $"workflow {WorkflowId} has a dependency cycle: phase design → task 'd1-name' → task 'b1-name' → phase design; no task on it could ever start",
            error.Message);
    }

    [Fact]
    public void CheckStartable_UnknownTaskDependency_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Task("d1", "design", dependsOn: ["ghost"]).Snapshot(WorkflowState.Draft);

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(snapshot));

        Assert.Equal($"task 'd1-name' depends on 'ghost', which is not a task of workflow {WorkflowId}", error.Message);
    }

    [Fact]
    public void CheckStartable_ValidGraph_DoesNotThrow()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("api", "design").Phase("docs", "design")
            .Task("d1", "design").Task("a1", "api").Task("x1", "docs", dependsOn: ["a1"]).Snapshot(WorkflowState.Draft);

        Assert.Null(Record.Exception(() => WorkflowGraphValidator.CheckStartable(snapshot)));
    }

    [Fact]
    public void CheckStartable_ThousandTaskChain_DoesNotOverflow()
    {
        var graph = new WorkflowGraph().Phase("chain").Task("t0", "chain");
        for (var i = 1; i < 1000; i++)
        {
            graph.Task($"t{i}", "chain", dependsOn: [$"t{i - 1}"]);
        }

        Assert.Null(Record.Exception(() => WorkflowGraphValidator.CheckStartable(graph.Snapshot(WorkflowState.Draft))));
    }

    [Fact]
    public void CheckStartable_ThousandTaskChainClosedIntoCycle_FindsCycle()
    {
        var graph = new WorkflowGraph().Phase("chain").Task("t0", "chain", dependsOn: ["t999"]);
        for (var i = 1; i < 1000; i++)
        {
            graph.Task($"t{i}", "chain", dependsOn: [$"t{i - 1}"]);
        }

        var error = Invalid(() => WorkflowGraphValidator.CheckStartable(graph.Snapshot(WorkflowState.Draft)));

        Assert.Contains("has a dependency cycle: task 't0-name' → task 't999-name' → ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("→ task 't0-name'; no task on it could ever start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTaskDependencies_UnknownTask_ThrowsNamingItAndWorkflow()
    {
        var snapshot = new WorkflowGraph().Phase("design").Task("d1", "design").Snapshot();
        var task = new TaskNode("n1", "new", "design", TaskState.Pending, true, ["d1", "ghost"]);

        var error = Invalid(() => WorkflowGraphValidator.CheckTaskDependencies(snapshot, task));

        Assert.StartsWith($"task 'new' depends on 'ghost', which is not a task of workflow {WorkflowId};", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTaskDependencies_SameTaskTwice_ThrowsNamingIt()
    {
        var snapshot = new WorkflowGraph().Phase("design").Task("d1", "design").Snapshot();
        var task = new TaskNode("n1", "new", "design", TaskState.Pending, true, ["d1", "d1"]);

        var error = Invalid(() => WorkflowGraphValidator.CheckTaskDependencies(snapshot, task));

        Assert.Equal("depends_on lists task d1 twice", error.Message);
    }

    [Fact]
    public void CheckTaskDependencies_TaskInEarlierPhaseOnTaskOfLaterPhase_ThrowsPrintingCycle()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design").Task("b1", "build").Snapshot(WorkflowState.Draft);
        var task = new TaskNode("d1", "sketch", "design", TaskState.Pending, true, ["b1"]);

        var error = Invalid(() => WorkflowGraphValidator.CheckTaskDependencies(snapshot, task));

        Assert.Equal("task 'sketch' would close a dependency cycle: phase design → task 'sketch' → task 'b1-name' → phase design", error.Message);
    }

    [Fact]
    public void CheckTaskDependencies_TaskInLaterPhaseOnTaskOfEarlierPhase_Accepted()
    {
        var snapshot = new WorkflowGraph().Phase("design").Phase("build", "design").Task("d1", "design").Snapshot(WorkflowState.Draft);
        var task = new TaskNode("b1", "compile", "build", TaskState.Pending, true, ["d1"]);

        Assert.Null(Record.Exception(() => WorkflowGraphValidator.CheckTaskDependencies(snapshot, task)));
    }

    private static BatonException Invalid(Action check)
    {
        var error = Assert.Throws<BatonException>(check);
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        return error;
    }
}
