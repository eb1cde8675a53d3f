using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteTaskStoreRequeueTests
{
    [Theory]
    [InlineData(TaskState.Failed, AttemptState.Failed)]
    [InlineData(TaskState.TimedOut, AttemptState.TimedOut)]
    [InlineData(TaskState.Cancelled, AttemptState.Cancelled)]
    public async Task RequeueAsync_EndedWithoutSuccess_PendingWithFreshBudget(TaskState ended, AttemptState attemptStatus)
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, attemptStatus, ended, error: "it broke", countsAsFailure: true));
        Assert.Equal(1, (await database.GetAsync(claim.Task.Id)).FailureCount);
        var at = TestTasks.Now.AddHours(1);

        var result = await database.Tasks.RequeueAsync(claim.Task.Id, at);

        Assert.Equal(RequeueOutcome.Requeued, result.Outcome);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Pending, task.Status);
        Assert.Equal(0, task.FailureCount);
        Assert.Equal(at, task.DueAt);
        Assert.Null(task.Error);
        Assert.Null(task.CompletedAt);
        Assert.Equal(1, task.AttemptCount);
    }

    [Fact]
    public async Task RequeueAsync_CancelledBeforeItRan_PendingAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync();
        await database.Tasks.CancelAsync(id, TestTasks.Now);

        var result = await database.Tasks.RequeueAsync(id, TestTasks.Now.AddMinutes(1));

        Assert.Equal(RequeueOutcome.Requeued, result.Outcome);
        Assert.Equal(TaskState.Pending, result.Task!.Status);
    }

    [Fact]
    public async Task RequeueAsync_Requeued_NextClaimIsAttemptTwo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Failed, TaskState.Failed, error: "boom", countsAsFailure: true));
        await database.Tasks.RequeueAsync(claim.Task.Id, TestTasks.Now.AddMinutes(1));

        var again = await database.ClaimAsync(now: TestTasks.Now.AddMinutes(1));

        Assert.Equal(new AttemptKey(claim.Task.Id, 2), again.Attempt);
    }

    [Fact]
    public async Task RequeueAsync_Completed_NotRetryableAndUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "done"));

        var result = await database.Tasks.RequeueAsync(claim.Task.Id, TestTasks.Now.AddHours(1));

        Assert.Equal(RequeueOutcome.NotRetryable, result.Outcome);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("done", task.Result);
    }

    [Fact]
    public async Task RequeueAsync_Pending_NotRetryableAndUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync(TestTasks.Definition(runAt: TestTasks.Now.AddHours(3)));

        var result = await database.Tasks.RequeueAsync(id, TestTasks.Now);

        Assert.Equal(RequeueOutcome.NotRetryable, result.Outcome);
        Assert.Equal(TestTasks.Now.AddHours(3), (await database.GetAsync(id)).DueAt);
    }

    [Fact]
    public async Task RequeueAsync_Running_NotRetryable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();

        var result = await database.Tasks.RequeueAsync(claim.Task.Id, TestTasks.Now);

        Assert.Equal(RequeueOutcome.NotRetryable, result.Outcome);
        Assert.Equal(TaskState.Running, (await database.GetAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task RequeueAsync_UnknownTask_ReportsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.Tasks.RequeueAsync("zzzzzzzzzzzz", TestTasks.Now);

        Assert.Equal(RequeueOutcome.NotFound, result.Outcome);
        Assert.Null(result.Task);
    }
}
