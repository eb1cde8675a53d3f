using Baton.Core.Initiatives;
using Baton.Core.Runners.Merge;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Initiatives;

public sealed class InitiativePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_FoundationParallelIntegration_PhasesDependAsTheStreamsRun()
    {
        var blueprint = InitiativePlanner.Plan(Initiative(), Now);

        Assert.Equal(["core", "api", "ui", "docs", "integration"], blueprint.Phases.Select(p => p.PhaseId));
        Assert.Empty(Phase(blueprint, "core").DependsOn);
        Assert.Equal(["core"], Phase(blueprint, "api").DependsOn);
        Assert.Equal(["core", "api"], Phase(blueprint, "ui").DependsOn);
        Assert.Equal(["api", "ui", "docs"], Phase(blueprint, "integration").DependsOn);
        Assert.Equal(Enumerable.Range(0, 5), blueprint.Phases.Select(p => p.Position));
        WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
    }

    [Fact]
    public void Plan_StreamTasks_ChainedInTheStreamsWorktreeAndBranch()
    {
        var initiative = Initiative();

        var blueprint = InitiativePlanner.Plan(initiative, Now);

        var api = Tasks(blueprint, "api");
        Assert.Equal(2, api.Count);
        Assert.Empty(api[0].Definition.DependsOn);
        Assert.Equal([api[0].Id], api[1].Definition.DependsOn);
        Assert.All(api, t =>
        {
            Assert.True(t.Definition.Worktree);
            Assert.True(t.Definition.KeepWorktree);
            Assert.Equal("baton/shop/api", t.Definition.WorktreeBranch);
            Assert.Equal("baton/shop/integration", t.Definition.WorktreeBase);
            Assert.Equal("/repo", t.Definition.WorkingDirectory);
            Assert.Equal(blueprint.Workflow.Id, t.Definition.WorkflowId);
            Assert.Equal("api", t.Definition.PhaseId);
        });
        var core = Tasks(blueprint, "core").Single();
        Assert.Equal("baton/shop/integration", core.Definition.WorktreeBranch);
        Assert.Equal("v1", core.Definition.WorktreeBase);
    }

    [Fact]
    public void Plan_AgentStream_LaterTasksContinueThePreviousSession()
    {
        var blueprint = InitiativePlanner.Plan(Initiative(), Now);

        var ui = Tasks(blueprint, "ui");
        Assert.Null(ui[0].Definition.Session);
        Assert.Equal(new SessionSource(ui[0].Id, SessionUse.Continue), ui[1].Definition.Session);
        Assert.All(Tasks(blueprint, "api"), t => Assert.Null(t.Definition.Session));
    }

    [Fact]
    public void Plan_IntegrationPhase_MergesEveryParallelBranchFirst()
    {
        var initiative = Initiative();

        var blueprint = InitiativePlanner.Plan(initiative, Now);

        var integration = Tasks(blueprint, "integration");
        var merge = integration[0];
        Assert.Equal(MergeRunner.RunnerName, merge.Definition.Runner);
        Assert.Equal(InitiativePlanner.MergeTaskId(initiative.Id), merge.Id);
        Assert.Equal(["baton/shop/api", "baton/shop/ui", "baton/shop/docs"], merge.Definition.Arguments);
        Assert.Equal("baton/shop/integration", merge.Definition.WorktreeBranch);
        Assert.Equal([merge.Id], integration[1].Definition.DependsOn);
        Assert.Equal("baton/shop/integration", integration[1].Definition.WorktreeBranch);
    }

    [Fact]
    public void Plan_SameInitiativeTwice_SameIds()
    {
        var first = InitiativePlanner.Plan(Initiative(), Now);
        var second = InitiativePlanner.Plan(Initiative(), Now.AddHours(1));

        Assert.Equal(first.Workflow.Id, second.Workflow.Id);
        Assert.Equal(first.Tasks.Select(t => t.Id), second.Tasks.Select(t => t.Id));
        Assert.Equal(first.Tasks.Count, first.Tasks.Select(t => t.Id).Distinct().Count());
        Assert.All(first.Tasks, t => Assert.Equal(TaskIds.Length, t.Id.Length));
    }

    [Fact]
    public void Plan_OtherInitiative_OtherIds()
    {
        var first = InitiativePlanner.Plan(Initiative(), Now);
        var other = InitiativePlanner.Plan(Initiative() with { Id = "ini_0000000000zz" }, Now);

        Assert.NotEqual(first.Workflow.Id, other.Workflow.Id);
        Assert.Empty(first.Tasks.Select(t => t.Id).Intersect(other.Tasks.Select(t => t.Id)));
    }

    [Fact]
    public void Plan_StoredWorkflowId_IsKept()
    {
        var blueprint = InitiativePlanner.Plan(Initiative() with { WorkflowId = "abcdabcdabcd" }, Now);

        Assert.Equal("abcdabcdabcd", blueprint.Workflow.Id);
        Assert.Equal(WorkflowState.Running, blueprint.Workflow.Status);
        Assert.Equal("tester", blueprint.Workflow.CreatedBy);
    }

    private static PhaseRecord Phase(WorkflowBlueprint blueprint, string id) => blueprint.Phases.Single(p => p.PhaseId == id);

    private static List<BlueprintTask> Tasks(WorkflowBlueprint blueprint, string phase) => [.. blueprint.Tasks.Where(t => t.Definition.PhaseId == phase)];

    private static TaskDefinition Command(string name) => new() { Name = name, Runner = "command", Program = "true", WorkingDirectory = "/elsewhere" };

    private static TaskDefinition Agent(string name) => new() { Name = name, Runner = "claude", AgentName = "dev", Instructions = name, WorkingDirectory = "/elsewhere" };

    private static InitiativeRecord Initiative() => new(
        "ini_0000000000aa",
        new InitiativeDefinition("shop", "/repo", "v1", InitiativeDefinition.DefaultMaxParallel,
        [
            new StreamDefinition("core", "Core", StreamPhase.Foundation, [], [Command("schema")]),
            new StreamDefinition("api", "API", StreamPhase.Parallel, [], [Command("routes"), Command("tests")]),
            new StreamDefinition("ui", "UI", StreamPhase.Parallel, ["api"], [Agent("pages"), Agent("styles")]),
            new StreamDefinition("docs", "Docs", StreamPhase.Parallel, [], [Command("readme")]),
            new StreamDefinition("check", "Check", StreamPhase.Integration, [], [Command("build")]),
        ]),
        WorkflowId: null,
        CreatedAt: Now,
        CreatedBy: "tester",
        ArchivedAt: null);
}
