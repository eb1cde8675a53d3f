using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

public sealed class SqliteWorkflowStoreProgressTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task CreateAsync_StartedBlueprint_OnlyRootPhaseTasksClaimable()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        await db.CreateAsync(wf.Blueprint());

        var claims = await db.ClaimAllAsync();

        Assert.Equal([wf["design-api"], wf["design-ui"]], claims.Select(c => c.Task.Id));
        Assert.True((await db.TaskAsync(wf["compile"])).Blocked);
        Assert.True((await db.TaskAsync(wf["publish"])).Blocked);
    }

    [Fact]
    public async Task CreateAsync_Draft_NothingClaimableUntilStarted()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        var created = await db.CreateAsync(wf.Blueprint(WorkflowState.Draft));

        var beforeStart = await db.TryClaimAsync();
        var started = await db.Workflows.StartAsync(wf.Id, T0);
        var afterStart = await db.ClaimAllAsync();

        Assert.Equal(WorkflowState.Draft, created.Status);
        Assert.Null(beforeStart);
        Assert.True(started);
        Assert.Equal([wf["design-api"], wf["design-ui"]], afterStart.Select(c => c.Task.Id));
        Assert.Equal(WorkflowState.Running, (await db.WorkflowAsync(wf.Id)).Status);
    }

    [Fact]
    public async Task StartAsync_AlreadyStarted_ReturnsFalse()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        await db.CreateAsync(wf.Blueprint());

        Assert.False(await db.Workflows.StartAsync(wf.Id, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task FinishAsync_NotLastTaskOfPhase_NextPhaseStaysBlocked()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();

        await db.EndAsync(claims.Single(c => c.Task.Id == wf["design-api"]), TaskState.Completed, T0.AddMinutes(1), result: "REST");

        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(1)));
        Assert.True((await db.TaskAsync(wf["compile"])).Blocked);
        Assert.Equal(WorkflowState.Pending, (await db.PhaseAsync(wf.Id, "build")).Status);
    }

    [Fact]
    public async Task FinishAsync_LastTaskOfPhase_NextPhaseClaimableWithUpstreamResults()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();
        await db.EndAsync(claims.Single(c => c.Task.Id == wf["design-api"]), TaskState.Completed, T0.AddMinutes(1), result: "Use REST with JSON.");

        await db.EndAsync(claims.Single(c => c.Task.Id == wf["design-ui"]), TaskState.Completed, T0.AddMinutes(2), result: "A single page.");

        var next = await db.ClaimAsync(wf["compile"], T0.AddMinutes(2));
        Assert.NotNull(next.Task.UpstreamContext);
        Assert.StartsWith(UpstreamSummary.Heading, next.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Contains($"### design-api (task {wf["design-api"]}, command make, completed)\nUse REST with JSON.", next.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Contains($"### design-ui (task {wf["design-ui"]}, command make, completed)\nA single page.", next.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Null(await db.TryClaimAsync(T0.AddMinutes(2)));
    }

    [Fact]
    public async Task FinishAsync_RootTask_HasNoUpstreamContext()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = Release();
        await db.CreateAsync(wf.Blueprint());

        var claim = await db.TryClaimAsync();

        Assert.NotNull(claim);
        Assert.Null(claim.Task.UpstreamContext);
    }

    [Fact]
    public async Task FinishAsync_TaskEdgeAcrossPhases_UpstreamContextHasPhaseAndTaskResults()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("docs").Phase("build", "design")
            .Task("design", "sketch").Task("docs", "guide").Task("build", "compile", "guide");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0, result: "the sketch");
        Assert.True((await db.TaskAsync(wf["compile"])).Blocked);

        await db.RunAsync(wf["guide"], TaskState.Completed, T0.AddMinutes(1), result: "the guide");

        var claim = await db.ClaimAsync(wf["compile"], T0.AddMinutes(2));
        Assert.Contains("the sketch", claim.Task.UpstreamContext, StringComparison.Ordinal);
        Assert.Contains("the guide", claim.Task.UpstreamContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishAsync_PhasesMoveOn_PhaseRowsRecordStatusesAndTimes()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var started = await db.ContentsAsync(wf.Id);

        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(1));
        var middle = await db.ContentsAsync(wf.Id);
        await db.RunAsync(wf["compile"], TaskState.Completed, T0.AddMinutes(3));
        var ended = await db.ContentsAsync(wf.Id);

        Assert.Equal((WorkflowState.Running, T0, (DateTimeOffset?)null), Phase(started, "design"));
        Assert.Equal((WorkflowState.Pending, (DateTimeOffset?)null, (DateTimeOffset?)null), Phase(started, "build"));
        Assert.Equal((WorkflowState.Completed, T0, T0.AddMinutes(1).AddSeconds(1)), Phase(middle, "design"));
        Assert.Equal((WorkflowState.Running, T0.AddMinutes(1).AddSeconds(1), (DateTimeOffset?)null), Phase(middle, "build"));
        Assert.Equal((WorkflowState.Completed, T0.AddMinutes(1).AddSeconds(1), T0.AddMinutes(3).AddSeconds(1)), Phase(ended, "build"));
        Assert.Equal(WorkflowState.Running, middle.Workflow.Status);
        Assert.Equal((WorkflowState.Completed, T0.AddMinutes(3).AddSeconds(1), (string?)null),
            (ended.Workflow.Status, ended.Workflow.CompletedAt, ended.Workflow.Error));
    }

    [Fact]
    public async Task FinishAsync_Retrying_PhaseAndWorkflowKeepRunning()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var claim = await db.ClaimAsync(wf["sketch"]);

        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, Baton.Core.Attempts.AttemptState.Failed, TaskState.Retrying,
            endedAt: T0.AddSeconds(5), error: "exit code 1", dueAt: T0.AddMinutes(1), countsAsFailure: true));

        var contents = await db.ContentsAsync(wf.Id);
        Assert.Equal(WorkflowState.Running, contents.Workflow.Status);
        Assert.Equal(WorkflowState.Running, contents.Phases.Single(p => p.PhaseId == "design").Status);
        Assert.Equal((TaskState.Pending, true), (contents.Tasks.Single(t => t.Id == wf["compile"]).Status, contents.Tasks.Single(t => t.Id == wf["compile"]).Blocked));
    }

    [Fact]
    public async Task AddTaskAsync_RunningPhaseOfRunningWorkflow_ClaimableAtOnce()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.ClaimAsync(wf["sketch"]);
        var id = TaskIds.New();

        var added = await db.Workflows.AddTaskAsync(id, wf.Definition("design", "review"), T0.AddMinutes(1));

        Assert.NotNull(added);
        Assert.False(added.Blocked);
        Assert.Equal(wf.Id, added.Definition.WorkflowId);
        await db.ClaimAsync(id, T0.AddMinutes(1));
    }

    [Fact]
    public async Task AddTaskAsync_PendingPhase_BlockedUntilPhaseRuns()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var id = TaskIds.New();

        var added = await db.Workflows.AddTaskAsync(id, wf.Definition("build", "link"), T0);
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0);

        Assert.NotNull(added);
        Assert.True(added.Blocked);
        Assert.Equal([wf["compile"], id], (await db.ClaimAllAsync(T0.AddMinutes(1))).Select(c => c.Task.Id));
    }

    [Fact]
    public async Task AddTaskAsync_CompletedPhase_ReturnsNullAndAddsNothing()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0);
        var id = TaskIds.New();

        var added = await db.Workflows.AddTaskAsync(id, wf.Definition("design", "late"), T0.AddMinutes(1));

        Assert.Null(added);
        Assert.Null(await db.Tasks.GetTaskAsync(id));
    }

    [Fact]
    public async Task AddTaskAsync_ToRunningWorkflowWhoseTasksAllCompleted_Rejected()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0);

        var added = await db.Workflows.AddTaskAsync(TaskIds.New(), wf.Definition("design", "late"), T0.AddMinutes(1));

        Assert.Null(added);
        Assert.Equal(WorkflowState.Completed, (await db.WorkflowAsync(wf.Id)).Status);
    }

    [Fact]
    public async Task AddPhaseAsync_Draft_AddsPhase()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint(WorkflowState.Draft));

        var added = await db.Workflows.AddPhaseAsync(wf.Id, new PhaseRecord { PhaseId = "build", Name = "Build", DependsOn = ["design"], Position = 1, Status = WorkflowState.Draft }, T0);

        Assert.True(added);
        var phase = await db.PhaseAsync(wf.Id, "build");
        Assert.Equal(("Build", 1, WorkflowState.Draft), (phase.Name, phase.Position, phase.Status));
        Assert.Equal(["design"], phase.DependsOn);
    }

    [Fact]
    public async Task AddPhaseAsync_SameIdTwice_SecondReturnsFalse()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint(WorkflowState.Draft));

        var added = await db.Workflows.AddPhaseAsync(wf.Id, new PhaseRecord { PhaseId = "design", Name = "again", Position = 1, Status = WorkflowState.Draft }, T0);

        Assert.False(added);
        Assert.Equal("design", (await db.PhaseAsync(wf.Id, "design")).Name);
    }

    [Fact]
    public async Task AddPhaseAsync_StartedWorkflow_ReturnsFalse()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());

        var added = await db.Workflows.AddPhaseAsync(wf.Id, new PhaseRecord { PhaseId = "build", Name = "build", Position = 1, Status = WorkflowState.Draft }, T0);

        Assert.False(added);
        Assert.Single((await db.ContentsAsync(wf.Id)).Phases);
    }

    /// <summary>design: design-api, design-ui; build after design: compile; ship after build: publish.</summary>
    internal static TestWorkflow Release() => new TestWorkflow()
        .Phase("design").Phase("build", "design").Phase("ship", "build")
        .Task("design", "design-api").Task("design", "design-ui").Task("build", "compile").Task("ship", "publish");

    private static (WorkflowState, DateTimeOffset?, DateTimeOffset?) Phase(WorkflowContents contents, string phaseId)
    {
        var phase = contents.Phases.Single(p => p.PhaseId == phaseId);
        return (phase.Status, phase.StartedAt, phase.CompletedAt);
    }
}
