using Baton.Core.Storage;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteAttemptStoreClaimTests
{
    [Fact]
    public async Task ClaimNextAsync_EmptyQueue_ReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, TestTasks.Now, TestTasks.LeaseUntil));
    }

    [Fact]
    public async Task ClaimNextAsync_MixedPriorities_HighestFirstThenFirstIn()
    {
        await using var database = await TestDatabase.CreateAsync();
        var low = await database.AddAsync(TestTasks.Definition("low", TaskPriority.Low));
        var normal1 = await database.AddAsync(TestTasks.Definition("normal 1", TaskPriority.Normal));
        var critical = await database.AddAsync(TestTasks.Definition("critical", TaskPriority.Critical));
        var high = await database.AddAsync(TestTasks.Definition("high", TaskPriority.High));
        var normal2 = await database.AddAsync(TestTasks.Definition("normal 2", TaskPriority.Normal));

        var order = new List<string>();
        while (await database.Attempts.ClaimNextAsync(TestTasks.Worker, TestTasks.Now, TestTasks.LeaseUntil) is { } claim)
        {
            order.Add(claim.Task.Id);
        }

        Assert.Equal([critical, high, normal1, normal2, low], order);
    }

    [Fact]
    public async Task ClaimNextAsync_Claimed_TaskRunningWithLeasedAttemptOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync();
        var at = TestTasks.Now.AddSeconds(3);

        var claim = await database.Attempts.ClaimNextAsync(TestTasks.Worker, at, at.AddSeconds(30));

        Assert.NotNull(claim);
        Assert.Equal(new AttemptKey(id, 1), claim.Attempt);
        Assert.Equal(TaskState.Running, claim.Task.Status);
        Assert.Equal(1, claim.Task.AttemptCount);
        Assert.Equal(at, claim.Task.StartedAt);
        var attempt = Assert.Single(await database.Tasks.GetAttemptsAsync(id));
        Assert.Equal(AttemptState.Running, attempt.Status);
        Assert.Equal(TestTasks.Worker, attempt.WorkerId);
        Assert.Equal(at, attempt.StartedAt);
        Assert.Equal(at.AddSeconds(30), attempt.LeaseExpiresAt);
        Assert.Null(attempt.EndedAt);
    }

    [Fact]
    public async Task ClaimNextAsync_RunAtInFuture_NotClaimedUntilDue()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runAt = TestTasks.Now.AddMinutes(10);
        var id = await database.AddAsync(TestTasks.Definition(runAt: runAt));

        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, TestTasks.Now, TestTasks.LeaseUntil));
        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, runAt.AddMilliseconds(-1), runAt.AddSeconds(30)));
        var claim = await database.Attempts.ClaimNextAsync(TestTasks.Worker, runAt, runAt.AddSeconds(30));

        Assert.Equal(id, claim?.Task.Id);
    }

    [Fact]
    public async Task ClaimNextAsync_HigherPriorityNotYetDue_ClaimsDueLowerPriority()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAsync(TestTasks.Definition("later", TaskPriority.Critical, runAt: TestTasks.Now.AddHours(1)));
        var now = await database.AddAsync(TestTasks.Definition("now", TaskPriority.Low));

        var claim = await database.ClaimAsync();

        Assert.Equal(now, claim.Task.Id);
    }

    [Fact]
    public async Task NextDueAtAsync_EmptyQueue_ReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Null(await database.Attempts.NextDueAtAsync([]));
    }

    [Fact]
    public async Task NextDueAtAsync_WaitingTasks_ReturnsEarliestDueTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAsync(TestTasks.Definition(runAt: TestTasks.Now.AddMinutes(30)));
        await database.AddAsync(TestTasks.Definition(runAt: TestTasks.Now.AddMinutes(5)));
        await database.AddAsync(TestTasks.Definition(runAt: TestTasks.Now.AddHours(2)));

        Assert.Equal(TestTasks.Now.AddMinutes(5), await database.Attempts.NextDueAtAsync([]));
    }

    [Fact]
    public async Task NextDueAtAsync_OnlyRunningOrEndedTasks_ReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAndClaimAsync();
        var cancelled = await database.AddAsync(TestTasks.Definition(runAt: TestTasks.Now.AddMinutes(1)));
        await database.Tasks.CancelAsync(cancelled, TestTasks.Now);

        Assert.Null(await database.Attempts.NextDueAtAsync([]));
    }

    [Fact]
    public async Task ClaimNextAsync_AfterRetryBackoff_CreatesAttemptTwo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.AddAndClaimAsync();
        var retryAt = TestTasks.Now.AddSeconds(20);
        await database.Attempts.FinishAsync(StoreSteps.Finish(
            first, AttemptState.Failed, TaskState.Retrying, error: "boom", dueAt: retryAt, countsAsFailure: true));

        Assert.Equal(retryAt, await database.Attempts.NextDueAtAsync([]));
        Assert.Null(await database.Attempts.ClaimNextAsync(TestTasks.Worker, retryAt.AddMilliseconds(-1), retryAt.AddSeconds(30)));
        var second = await database.ClaimAsync(now: retryAt);

        Assert.Equal(new AttemptKey(first.Task.Id, 2), second.Attempt);
        Assert.Equal(2, second.Task.AttemptCount);
        Assert.Equal(1, second.Task.FailureCount);
        Assert.Equal(TestTasks.Now, second.Task.StartedAt);
        var attempts = await database.Tasks.GetAttemptsAsync(first.Task.Id);
        Assert.Equal([(1, AttemptState.Failed), (2, AttemptState.Running)], attempts.Select(a => (a.Key.Number, a.Status)));
    }
}
