using Baton.Core.Storage;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteAttemptStoreRescueTests
{
    [Fact]
    public async Task RescueAsync_Requeue_AttemptInterruptedAndTaskPendingWithRescueCounted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var rescue = StoreSteps.Rescue(claim);

        Assert.True(await database.Attempts.RescueAsync(rescue));

        var attempt = Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id));
        Assert.Equal((AttemptState.Interrupted, rescue.Reason, rescue.Now), (attempt.Status, attempt.Error, attempt.EndedAt));
        Assert.Null(attempt.LeaseExpiresAt);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Pending, 1, 0, rescue.Now), (task.Status, task.RescueCount, task.FailureCount, task.DueAt));
        Assert.Null(task.CompletedAt);
        Assert.Equal(new AttemptKey(claim.Task.Id, 2), (await database.ClaimAsync(now: rescue.Now)).Attempt);
    }

    [Fact]
    public async Task RescueAsync_RescuesExhausted_TaskFailedWithGivenError()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var rescue = StoreSteps.Rescue(claim, TaskState.Failed, error: "its worker died while it ran 4 times");

        Assert.True(await database.Attempts.RescueAsync(rescue));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Failed, "its worker died while it ran 4 times", 1), (task.Status, task.Error, task.RescueCount));
        Assert.Equal(rescue.Now, task.CompletedAt);
        Assert.Equal(AttemptState.Interrupted, Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id)).Status);
        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, rescue.Now, rescue.Now.AddSeconds(30)));
    }

    [Fact]
    public async Task RescueAsync_CancelRequested_TaskCancelledInsteadOfRequeued()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Tasks.CancelAsync(claim.Task.Id, TestTasks.Now.AddSeconds(1));

        Assert.True(await database.Attempts.RescueAsync(StoreSteps.Rescue(claim)));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Cancelled, "cancelled", false), (task.Status, task.Error, task.CancelRequested));
    }

    [Fact]
    public async Task RescueAsync_AttemptAlreadyEnded_ReturnsFalseAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "done"));

        Assert.False(await database.Attempts.RescueAsync(StoreSteps.Rescue(claim)));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Completed, 0), (task.Status, task.RescueCount));
        Assert.Equal(AttemptState.Completed, Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task RescueAsync_WrongWorker_ReturnsFalse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync(TestTasks.Worker);

        Assert.False(await database.Attempts.RescueAsync(StoreSteps.Rescue(claim, worker: TestTasks.OtherWorker)));

        Assert.Equal(TaskState.Running, (await database.GetAsync(claim.Task.Id)).Status);
    }
}
