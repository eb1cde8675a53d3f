using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

public sealed class SqliteWorkflowStoreQueryTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task ListAsync_WorkflowUnderWay_CountsPhasesAndTasksByProgress()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = SqliteWorkflowStoreProgressTests.Release();
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Completed, T0.AddMinutes(1));

        var summary = Assert.Single(await db.Workflows.ListAsync(new WorkflowQuery()));

        Assert.Equal(wf.Id, summary.Workflow.Id);
        Assert.Equal((3, 4, 1, 1, 1), (summary.PhaseCount, summary.TaskCount, summary.FinishedCount, summary.CompletedCount, summary.RunningCount));
    }

    [Fact]
    public async Task ListAsync_FailedTasks_CountAsFinishedNotCompleted()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = SqliteWorkflowStoreProgressTests.Release();
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims[0], TaskState.Failed, T0.AddMinutes(1));

        var summary = Assert.Single(await db.Workflows.ListAsync(new WorkflowQuery()));

        // fail_fast: the failure, and compile and publish cancelled; design-ui still running.
        Assert.Equal((4, 3, 0, 1), (summary.TaskCount, summary.FinishedCount, summary.CompletedCount, summary.RunningCount));
        Assert.Equal(WorkflowState.Failed, summary.Workflow.Status);
    }

    [Fact]
    public async Task ListAsync_StatusFilterAndLimit_NewestFirst()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var draft = new TestWorkflow().Phase("a").Task("a", "x");
        var first = new TestWorkflow().Phase("a").Task("a", "x");
        var second = new TestWorkflow().Phase("a").Task("a", "x");
        await db.CreateAsync(draft.Blueprint(WorkflowState.Draft));
        await db.CreateAsync(first.Blueprint());
        await db.CreateAsync(second.Blueprint());

        var running = await db.Workflows.ListAsync(new WorkflowQuery(WorkflowState.Running));
        var drafts = await db.Workflows.ListAsync(new WorkflowQuery(WorkflowState.Draft));
        var newest = await db.Workflows.ListAsync(new WorkflowQuery(Limit: 1));

        Assert.Equal([second.Id, first.Id], running.Select(s => s.Workflow.Id));
        Assert.Equal([draft.Id], drafts.Select(s => s.Workflow.Id));
        Assert.Equal([second.Id], newest.Select(s => s.Workflow.Id));
    }

    [Fact]
    public async Task TypicalDurationsAsync_SeveralCompletedRuns_ReturnsMedian()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        foreach (var seconds in new[] { 10, 90, 30 })
        {
            var wf = new TestWorkflow().Phase("a").Task("a", "compile");
            await db.CreateAsync(wf.Blueprint());
            var claim = await db.ClaimAsync(wf["compile"]);
            await db.EndAsync(claim, TaskState.Completed, T0.AddSeconds(seconds));
        }

        var typical = await db.Workflows.TypicalDurationsAsync(["compile", "never-ran"]);

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(typical, p => p.Key == "compile").Value);
        Assert.False(typical.ContainsKey("never-ran"));
    }

    [Fact]
    public async Task TypicalDurationsAsync_FailedAttemptsAndTasksOnTheirOwn_Ignored()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("a").Task("a", "compile");
        await db.CreateAsync(wf.Blueprint(policy: FailurePolicy.Continue));
        await db.EndAsync(await db.ClaimAsync(wf["compile"]), TaskState.Failed, T0.AddSeconds(500));
        var single = await db.Database.AddAsync(TestTasks.Definition("compile"));
        await db.EndAsync(await db.ClaimAsync(single), TaskState.Completed, T0.AddSeconds(700));

        var typical = await db.Workflows.TypicalDurationsAsync(["compile"]);

        Assert.Empty(typical);
    }

    [Fact]
    public async Task GetContentsAsync_WorkflowWithHistory_ReturnsPhasesTasksAndAttempts()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile", "sketch");
        await db.CreateAsync(wf.Blueprint(limits: new UpstreamLimits(2048, 4096)));
        await db.RunAsync(wf["sketch"], TaskState.Failed, T0);
        await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(1));
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(1), result: "ok");

        var contents = await db.ContentsAsync(wf.Id);

        Assert.Equal(("release", new UpstreamLimits(2048, 4096), FailurePolicy.FailFast), (contents.Workflow.Name, contents.Workflow.UpstreamLimits, contents.Workflow.FailurePolicy));
        Assert.Equal(["design", "build"], contents.Phases.Select(p => p.PhaseId));
        Assert.Equal([wf["sketch"], wf["compile"]], contents.Tasks.Select(t => t.Id));
        Assert.Equal(["design", "build"], contents.Tasks.Select(t => t.Definition.PhaseId));
        Assert.Equal([wf["sketch"]], contents.Tasks[1].Definition.DependsOn);
        Assert.Equal([AttemptState.Failed, AttemptState.Completed], contents.Attempts[wf["sketch"]].Select(a => a.Status));
        Assert.False(contents.Attempts.ContainsKey(wf["compile"]));
    }

    [Fact]
    public async Task GetContentsAsync_UnknownWorkflow_ReturnsNull()
    {
        await using var db = await WorkflowDatabase.CreateAsync();

        Assert.Null(await db.Workflows.GetContentsAsync(TaskIds.New()));
    }

    [Fact]
    public async Task FindIdsByPrefixAsync_Prefix_FindsWorkflow()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("a").Task("a", "x");
        await db.CreateAsync(wf.Blueprint());

        Assert.Equal([wf.Id], await db.Workflows.FindIdsByPrefixAsync(wf.Id[..5], 5));
        Assert.Empty(await db.Workflows.FindIdsByPrefixAsync(wf.Id[0] == 'z' ? "yyyy" : "zzzz", 5));
    }
}
