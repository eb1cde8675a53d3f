using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Leases and rescue: renewal extends what a worker holds; another worker finds an expired lease and rescues it.</summary>
public abstract class LeaseContract : StoreContract
{
    [Fact]
    public async Task RenewLeasesAsync_MixedWorkers_ExtendsAndReturnsOnlyTheWorkersRunningAttempts()
    {
        await using var store = await OpenAsync();
        await store.QueueAsync("mine", ContractTimes.Now.AddSeconds(-2));
        await store.QueueAsync("theirs", ContractTimes.Now.AddSeconds(-1));
        var mine = await store.ClaimAsync();
        var theirs = await store.ClaimAsync(ContractTimes.OtherWorker);
        var extended = ContractTimes.LeaseUntil.AddMinutes(1);

        var held = await store.Attempts.RenewLeasesAsync(ContractTimes.Worker, extended);

        Assert.Equal([mine.Attempt], held);
        var seen = await store.Attempts.FindOtherRunningAttemptsAsync(ContractTimes.OtherWorker);
        Assert.Equal((mine.Attempt, extended), (Assert.Single(seen).Attempt, seen[0].LeaseExpiresAt));
        var others = await store.Attempts.FindOtherRunningAttemptsAsync(ContractTimes.Worker);
        Assert.Equal((theirs.Attempt, ContractTimes.LeaseUntil), (Assert.Single(others).Attempt, others[0].LeaseExpiresAt));
    }

    [Fact]
    public async Task RenewLeasesAsync_AttemptRescuedByAnotherWorker_NoLongerHeld()
    {
        await using var store = await OpenAsync();
        await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        await store.Attempts.RescueAsync(ContractSteps.Rescue(claim));

        Assert.Empty(await store.Attempts.RenewLeasesAsync(ContractTimes.Worker, ContractTimes.LeaseUntil.AddMinutes(1)));
    }

    [Fact]
    public async Task RescueAsync_ExpiredLeaseFoundByAnotherWorker_RequeuedWithRescueCounted()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        await store.ClaimAsync();

        var lost = Assert.Single(await store.Attempts.FindOtherRunningAttemptsAsync(ContractTimes.OtherWorker));
        Assert.True(lost.LeaseExpiresAt < ContractTimes.LeaseUntil.AddSeconds(1));
        var rescued = await store.Attempts.RescueAsync(new AttemptRescue
        {
            Attempt = lost.Attempt,
            WorkerId = lost.WorkerId,
            Now = ContractTimes.LeaseUntil.AddSeconds(1),
            Reason = "interrupted: its worker stopped without finishing it",
            TaskStatus = TaskState.Pending,
        });

        Assert.True(rescued);
        var task = await store.TaskAsync(id);
        Assert.Equal((TaskState.Pending, 1, 0), (task.Status, task.RescueCount, task.FailureCount));
        Assert.Empty(await store.Attempts.FindOtherRunningAttemptsAsync(ContractTimes.OtherWorker));
        var again = await store.ClaimAsync(ContractTimes.OtherWorker, ContractSteps.RescuedAt);
        Assert.Equal(2, again.Attempt.Number);
        Assert.Equal(1, Assert.Single(await store.Attempts.FindOtherRunningAttemptsAsync(ContractTimes.Worker)).RescueCount);
    }

    [Fact]
    public async Task RescueAsync_AnotherWorkerOrEndedAttempt_ReturnsFalseAndChangesNothing()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();

        Assert.False(await store.Attempts.RescueAsync(ContractSteps.Rescue(claim, ContractTimes.OtherWorker)));
        Assert.Equal(TaskState.Running, (await store.TaskAsync(id)).Status);
        await store.Attempts.FinishAsync(ContractSteps.Completed(claim));
        Assert.False(await store.Attempts.RescueAsync(ContractSteps.Rescue(claim)));
        var task = await store.TaskAsync(id);
        Assert.Equal((TaskState.Completed, 0), (task.Status, task.RescueCount));
    }
}
