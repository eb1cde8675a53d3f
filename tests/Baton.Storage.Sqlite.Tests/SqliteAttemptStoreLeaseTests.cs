using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteAttemptStoreLeaseTests
{
    [Fact]
    public async Task RenewLeasesAsync_MixedWorkers_ExtendsAndReturnsOnlyTheWorkersRunningAttempts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await database.AddAndClaimAsync(TestTasks.Worker);
        var finished = await database.AddAndClaimAsync(TestTasks.Worker);
        var theirs = await database.AddAndClaimAsync(TestTasks.OtherWorker);
        await database.Attempts.FinishAsync(StoreSteps.Finish(finished, AttemptState.Completed, TaskState.Completed));
        var until = TestTasks.Now.AddMinutes(5);

        var held = await database.Attempts.RenewLeasesAsync(TestTasks.Worker, until);

        Assert.Equal([mine.Attempt], held);
        Assert.Equal(until, Assert.Single(await database.Tasks.GetAttemptsAsync(mine.Task.Id)).LeaseExpiresAt);
        Assert.Equal(TestTasks.LeaseUntil, Assert.Single(await database.Tasks.GetAttemptsAsync(theirs.Task.Id)).LeaseExpiresAt);
        Assert.Null(Assert.Single(await database.Tasks.GetAttemptsAsync(finished.Task.Id)).LeaseExpiresAt);
    }

    [Fact]
    public async Task RenewLeasesAsync_AttemptRescuedByAnotherWorker_NoLongerReturned()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync(TestTasks.Worker);
        await database.Attempts.RescueAsync(StoreSteps.Rescue(claim));

        Assert.Empty(await database.Attempts.RenewLeasesAsync(TestTasks.Worker, TestTasks.Now.AddMinutes(5)));
    }

    [Fact]
    public async Task FindOtherRunningAttemptsAsync_MixedWorkers_ExcludesCallersOwn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAndClaimAsync(TestTasks.Worker);
        var theirs = await database.AddAndClaimAsync(TestTasks.OtherWorker);
        var ended = await database.AddAndClaimAsync(TestTasks.OtherWorker);
        await database.Attempts.FinishAsync(StoreSteps.Finish(ended, AttemptState.Failed, TaskState.Failed, worker: TestTasks.OtherWorker));

        var others = await database.Attempts.FindOtherRunningAttemptsAsync(TestTasks.Worker);

        var other = Assert.Single(others);
        Assert.Equal(theirs.Attempt, other.Attempt);
        Assert.Equal(TestTasks.OtherWorker, other.WorkerId);
        Assert.Equal(TestTasks.LeaseUntil, other.LeaseExpiresAt);
        Assert.Null(other.Process);
        Assert.Equal(0, other.RescueCount);
    }

    [Fact]
    public async Task FindOtherRunningAttemptsAsync_RescuedBefore_ReportsRescueCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.AddAndClaimAsync(TestTasks.OtherWorker);
        await database.Attempts.RescueAsync(StoreSteps.Rescue(first, worker: TestTasks.OtherWorker));
        await database.ClaimAsync(TestTasks.OtherWorker, TestTasks.Now.AddMinutes(2));

        var other = Assert.Single(await database.Attempts.FindOtherRunningAttemptsAsync(TestTasks.Worker));

        Assert.Equal(2, other.Attempt.Number);
        Assert.Equal(1, other.RescueCount);
    }
}
