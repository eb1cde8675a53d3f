using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteTaskStoreCancelTests
{
    [Fact]
    public async Task CancelAsync_Pending_CancelsAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync();
        var at = TestTasks.Now.AddMinutes(1);

        var result = await database.Tasks.CancelAsync(id, at);

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Equal(TaskState.Cancelled, result.Task!.Status);
        var stored = await database.GetAsync(id);
        Assert.Equal(TaskState.Cancelled, stored.Status);
        Assert.Equal(at, stored.CompletedAt);
        Assert.Equal("cancelled before it ran", stored.Error);
        Assert.False(stored.CancelRequested);
        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, at, at.AddSeconds(30)));
    }

    [Fact]
    public async Task CancelAsync_Retrying_CancelsAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, AttemptState.Failed, TaskState.Retrying, error: "boom", dueAt: TestTasks.Now.AddMinutes(5), countsAsFailure: true));

        var result = await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddMinutes(1));

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Equal(TaskState.Cancelled, (await database.GetAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task CancelAsync_Running_RecordsRequestForItsWorker()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();

        var result = await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddSeconds(1));

        Assert.Equal(CancelOutcome.Requested, result.Outcome);
        Assert.Equal(TaskState.Running, result.Task!.Status);
        Assert.True(result.Task.CancelRequested);
        Assert.True((await database.GetAsync(claim.Task.Id)).CancelRequested);
        var instructions = Assert.Single(await database.Attempts.FindInstructionsAsync(TestTasks.Worker));
        Assert.Equal(claim.Attempt, instructions.Attempt);
        Assert.True(instructions.CancelRequested);
        Assert.Empty(await database.Attempts.FindInstructionsAsync(TestTasks.OtherWorker));
    }

    [Fact]
    public async Task FindInstructionsAsync_NoRequest_ReturnsEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAndClaimAsync();

        Assert.Empty(await database.Attempts.FindInstructionsAsync(TestTasks.Worker));
    }

    [Theory]
    [InlineData(TaskState.Pending, AttemptState.Interrupted)]
    [InlineData(TaskState.Retrying, AttemptState.Failed)]
    public async Task FinishAsync_RequeueAfterCancelRequest_CancelsTheTask(TaskState next, AttemptState attemptStatus)
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddSeconds(1));

        var finished = await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, attemptStatus, next, error: "stopped", dueAt: TestTasks.Now.AddMinutes(1), countsAsFailure: next == TaskState.Retrying));

        Assert.NotEqual(FinishOutcome.Rejected, finished);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Cancelled, task.Status);
        Assert.Equal("cancelled", task.Error);
        Assert.False(task.CancelRequested);
        Assert.NotNull(task.CompletedAt);
        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, TestTasks.Now.AddHours(1), TestTasks.Now.AddHours(2)));
    }

    [Fact]
    public async Task FinishAsync_CompletedDespiteCancelRequest_StaysCompleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddSeconds(1));

        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "done"));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("done", task.Result);
        Assert.False(task.CancelRequested);
    }

    [Fact]
    public async Task CancelAsync_Ended_ReportsAlreadyEndedAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "done"));
        var before = await database.GetAsync(claim.Task.Id);

        var result = await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddHours(1));

        Assert.Equal(CancelOutcome.AlreadyEnded, result.Outcome);
        Assert.Equal(TaskState.Completed, result.Task!.Status);
        var after = await database.GetAsync(claim.Task.Id);
        Assert.Equal((before.Status, before.UpdatedAt, before.CompletedAt, before.Result, before.Error, before.CancelRequested),
            (after.Status, after.UpdatedAt, after.CompletedAt, after.Result, after.Error, after.CancelRequested));
    }

    [Fact]
    public async Task CancelAsync_UnknownTask_ReportsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.Tasks.CancelAsync("zzzzzzzzzzzz", TestTasks.Now);

        Assert.Equal(CancelOutcome.NotFound, result.Outcome);
        Assert.Null(result.Task);
    }
}
