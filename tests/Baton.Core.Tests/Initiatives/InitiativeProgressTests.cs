using Baton.Core.Initiatives;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Initiatives;

public sealed class InitiativeProgressTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_NotStarted_EveryStreamPendingOrBlockedWithItsTaskCount()
    {
        var progress = InitiativeProgress.Of(Initiative(), null, _ => null);

        Assert.Equal([(2, 0, "pending"), (1, 0, "blocked"), (1, 0, "blocked")], progress.Select(p => (p.TotalTasks, p.CompletedTasks, p.Status)));
        Assert.Equal(["baton/shop/integration", "baton/shop/api", "baton/shop/integration"], progress.Select(p => p.Branch));
    }

    [Fact]
    public void Of_Running_CountsTasksByStreamTagAndPhase()
    {
        var workflow = Workflow(
            ("core", "stream:core", TaskState.Completed),
            ("core", "stream:core", TaskState.Running),
            ("api", "stream:api", TaskState.Pending),
            ("integration", "stream:docs", TaskState.Pending),
            ("integration", null, TaskState.Pending));

        var progress = InitiativeProgress.Of(Initiative(), workflow, s => "/wt/" + s.Id);

        Assert.Equal([(2, 1, 1, "running"), (1, 0, 0, "blocked"), (1, 0, 0, "blocked")], progress.Select(p => (p.TotalTasks, p.CompletedTasks, p.InProgressTasks, p.Status)));
        Assert.Equal(50.0, progress[0].Percent);
        Assert.Equal("/wt/api", progress[1].WorktreePath);
    }

    [Fact]
    public void Of_FoundationDone_ParallelPendingAndFailedStreamShowsFailed()
    {
        var workflow = Workflow(
            ("core", "stream:core", TaskState.Completed),
            ("core", "stream:core", TaskState.Completed),
            ("api", "stream:api", TaskState.Failed),
            ("integration", "stream:docs", TaskState.Cancelled));

        var progress = InitiativeProgress.Of(Initiative(), workflow, _ => null);

        Assert.Equal(["completed", "failed", "cancelled"], progress.Select(p => p.Status));
        Assert.Equal(100.0, progress[0].Percent);
    }

    [Fact]
    public void WaitsFor_Streams_IncludeWhatTheirPhaseImplies()
    {
        var definition = Initiative().Definition;

        Assert.Equal(["core"], InitiativeProgress.WaitsFor(definition, definition.Streams[1]));
        Assert.Equal(["core", "api"], InitiativeProgress.WaitsFor(definition, definition.Streams[2]));
        Assert.Empty(InitiativeProgress.WaitsFor(definition, definition.Streams[0]));
    }

    private static InitiativeRecord Initiative()
    {
        TaskDefinition Task(string name) => new() { Name = name, Runner = "command", Program = "true", WorkingDirectory = "/repo" };
        return new InitiativeRecord("ini_000000000001", new InitiativeDefinition("shop", "/repo", null, 5,
        [
            new StreamDefinition("core", "Core", StreamPhase.Foundation, [], [Task("a"), Task("b")]),
            new StreamDefinition("api", "API", StreamPhase.Parallel, [], [Task("c")]),
            new StreamDefinition("docs", "Docs", StreamPhase.Integration, [], [Task("d")]),
        ]), "wf0000000001", Now, null, null);
    }

    private static WorkflowContents Workflow(params (string Phase, string? Tag, TaskState Status)[] tasks)
    {
        var workflow = new WorkflowRecord { Id = "wf0000000001", Name = "initiative shop", Status = WorkflowState.Running, CreatedAt = Now, UpdatedAt = Now };
        var records = tasks.Select((t, i) => new TaskRecord
        {
            Id = $"task{i:D8}",
            Definition = new TaskDefinition { Name = $"t{i}", Runner = "command", Program = "true", WorkingDirectory = "/repo", PhaseId = t.Phase, Tags = t.Tag is null ? [] : [t.Tag] },
            Status = t.Status,
            CreatedAt = Now,
            UpdatedAt = Now,
            DueAt = Now,
        }).ToList();
        return new WorkflowContents(workflow, [], records, new Dictionary<string, IReadOnlyList<Baton.Core.Attempts.AttemptRecord>>());
    }
}
