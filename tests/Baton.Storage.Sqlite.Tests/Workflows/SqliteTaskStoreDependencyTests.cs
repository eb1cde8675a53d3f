using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Tasks on their own that depend on other tasks (depends_on outside any workflow).</summary>
public sealed class SqliteTaskStoreDependencyTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task EnqueueAsync_DependsOnPendingTask_NotClaimableUntilUpstreamCompletes()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        var downstream = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [upstream] });

        var first = await db.ClaimAsync(upstream);
        var whileUpstreamRuns = await db.TryClaimAsync();
        await db.EndAsync(first, TaskState.Completed, T0.AddMinutes(1), result: "42 rows");

        Assert.Null(whileUpstreamRuns);
        var claim = await db.ClaimAsync(downstream, T0.AddMinutes(1));
        Assert.Contains($"### fetch (task {upstream}, command make, completed)\n42 rows", claim.Task.UpstreamContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_DependsOnCompletedTask_ClaimableAtOnce()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        await db.RunAsync(upstream, TaskState.Completed, T0, result: "done");

        var result = await db.Tasks.EnqueueAsync(TaskIds.New(), TestTasks.Definition("report") with { DependsOn = [upstream] }, T0.AddMinutes(1));

        Assert.False(result.Task.Blocked);
        Assert.NotNull(result.Task.UpstreamContext);
        await db.ClaimAsync(result.Task.Id, T0.AddMinutes(1));
    }

    [Fact]
    public async Task EnqueueAsync_DependsOnTwoTasks_WaitsForBoth()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var a = await db.Database.AddAsync(TestTasks.Definition("a"));
        var b = await db.Database.AddAsync(TestTasks.Definition("b"));
        var c = await db.Database.AddAsync(TestTasks.Definition("c") with { DependsOn = [a, b] });
        var claims = await db.ClaimAllAsync();

        await db.EndAsync(claims[0], TaskState.Completed, T0.AddMinutes(1));
        var afterOne = await db.TryClaimAsync(T0.AddMinutes(1));
        await db.EndAsync(claims[1], TaskState.Completed, T0.AddMinutes(2));

        Assert.Null(afterOne);
        await db.ClaimAsync(c, T0.AddMinutes(2));
    }

    [Theory]
    [InlineData(TaskState.Failed, "failed")]
    [InlineData(TaskState.TimedOut, "timed out")]
    [InlineData(TaskState.Cancelled, "was cancelled")]
    public async Task FinishAsync_UpstreamEndsForGood_DependentCancelledNamingIt(TaskState ended, string how)
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        var downstream = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [upstream] });

        await db.RunAsync(upstream, ended, T0);

        var task = await db.TaskAsync(downstream);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream, false), (task.Status, task.CancelCause, task.Blocked));
        Assert.Equal($"not run: the task it depends on, 'fetch' ({upstream}), {how}", task.Error);
        Assert.NotNull(task.CompletedAt);
    }

    [Fact]
    public async Task FinishAsync_UpstreamFails_ChainCancelledTransitively()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var a = await db.Database.AddAsync(TestTasks.Definition("a"));
        var b = await db.Database.AddAsync(TestTasks.Definition("b") with { DependsOn = [a] });
        var c = await db.Database.AddAsync(TestTasks.Definition("c") with { DependsOn = [b] });

        await db.RunAsync(a, TaskState.Failed, T0);

        var last = await db.TaskAsync(c);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (last.Status, last.CancelCause));
        Assert.Equal($"not run: the task it depends on, 'b' ({b}), was cancelled", last.Error);
    }

    [Fact]
    public async Task FinishAsync_UpstreamRetrying_DependentKeepsWaiting()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        var downstream = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [upstream] });
        var claim = await db.ClaimAsync(upstream);

        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, Baton.Core.Attempts.AttemptState.Failed, TaskState.Retrying,
            endedAt: T0.AddSeconds(5), error: "exit code 1", dueAt: T0.AddMinutes(1), countsAsFailure: true));

        var task = await db.TaskAsync(downstream);
        Assert.Equal((TaskState.Pending, true), (task.Status, task.Blocked));
    }

    [Fact]
    public async Task RequeueAsync_FailedUpstream_ReopensCancelledDependentsWhichRunAfterIt()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var a = await db.Database.AddAsync(TestTasks.Definition("a"));
        var b = await db.Database.AddAsync(TestTasks.Definition("b") with { DependsOn = [a] });
        var c = await db.Database.AddAsync(TestTasks.Definition("c") with { DependsOn = [b] });
        await db.RunAsync(a, TaskState.Failed, T0);

        var result = await db.Tasks.RequeueAsync(a, T0.AddMinutes(1));

        Assert.Equal(RequeueOutcome.Requeued, result.Outcome);
        foreach (var id in new[] { b, c })
        {
            var task = await db.TaskAsync(id);
            Assert.Equal((TaskState.Pending, true, (CancelCause?)null, (string?)null), (task.Status, task.Blocked, task.CancelCause, task.Error));
        }

        await db.RunAsync(a, TaskState.Completed, T0.AddMinutes(1));
        await db.RunAsync(b, TaskState.Completed, T0.AddMinutes(2));
        await db.ClaimAsync(c, T0.AddMinutes(3));
    }

    [Fact]
    public async Task RequeueAsync_Upstream_LeavesUserCancelledDependentAlone()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var a = await db.Database.AddAsync(TestTasks.Definition("a"));
        var b = await db.Database.AddAsync(TestTasks.Definition("b") with { DependsOn = [a] });
        await db.Tasks.CancelAsync(b, T0);
        await db.RunAsync(a, TaskState.Failed, T0);

        await db.Tasks.RequeueAsync(a, T0.AddMinutes(1));

        var task = await db.TaskAsync(b);
        Assert.Equal((TaskState.Cancelled, (CancelCause?)null), (task.Status, task.CancelCause));
    }

    [Fact]
    public async Task CancelAsync_PendingUpstream_CancelsDependents()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var a = await db.Database.AddAsync(TestTasks.Definition("a"));
        var b = await db.Database.AddAsync(TestTasks.Definition("b") with { DependsOn = [a] });

        await db.Tasks.CancelAsync(a, T0);

        var task = await db.TaskAsync(b);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (task.Status, task.CancelCause));
        Assert.Null(await db.TryClaimAsync());
    }

    [Fact]
    public async Task RescueAsync_RescuesExhausted_DependentCancelled()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        var downstream = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [upstream] });
        var claim = await db.ClaimAsync(upstream);

        Assert.True(await db.Attempts.RescueAsync(StoreSteps.Rescue(claim, TaskState.Failed, error: "its worker was lost 3 times")));

        var task = await db.TaskAsync(downstream);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (task.Status, task.CancelCause));
        Assert.Equal($"not run: the task it depends on, 'fetch' ({upstream}), failed", task.Error);
    }

    [Fact]
    public async Task RescueAsync_RequeuedNotExhausted_DependentKeepsWaiting()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await db.Database.AddAsync(TestTasks.Definition("fetch"));
        var downstream = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [upstream] });
        var claim = await db.ClaimAsync(upstream);

        Assert.True(await db.Attempts.RescueAsync(StoreSteps.Rescue(claim)));

        Assert.Equal((TaskState.Pending, true), ((await db.TaskAsync(downstream)).Status, (await db.TaskAsync(downstream)).Blocked));
    }

    [Fact]
    public async Task FinishAsync_WorkflowTaskWithStandaloneDependent_ReleasesIt()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        var dependent = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [wf["sketch"]] });

        await db.RunAsync(wf["sketch"], TaskState.Completed, T0, result: "the sketch");

        var claim = await db.ClaimAsync(dependent, T0.AddMinutes(1));
        Assert.Contains("the sketch", claim.Task.UpstreamContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_WorkflowWithStandaloneDependent_CancelsIt()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        var dependent = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [wf["compile"]] });

        await db.Workflows.CancelAsync(wf.Id, T0.AddMinutes(1));

        var task = await db.TaskAsync(dependent);
        Assert.Equal((TaskState.Cancelled, CancelCause.Upstream), (task.Status, task.CancelCause));
    }

    [Fact]
    public async Task RequeueAsync_FailedWorkflowTaskWithStandaloneDependent_ReopensDependent()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());
        var dependent = await db.Database.AddAsync(TestTasks.Definition("report") with { DependsOn = [wf["sketch"]] });
        await db.RunAsync(wf["sketch"], TaskState.Failed, T0);
        Assert.Equal(TaskState.Cancelled, (await db.TaskAsync(dependent)).Status);

        await db.Tasks.RequeueAsync(wf["sketch"], T0.AddMinutes(1));
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(1));

        // A task on its own is re-opened when the task it depends on is retried; a workflow task upstream is no different.
        await db.ClaimAsync(dependent, T0.AddMinutes(2));
    }
}
