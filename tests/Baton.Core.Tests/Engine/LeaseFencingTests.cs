using Baton.Core.Attempts;
using Baton.Core.Engine;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Core.Tests.Engine;

/// <summary>A worker that cannot renew its leases stops its attempts itself, and what it writes late changes nothing.</summary>
public sealed class LeaseFencingTests
{
    [Fact]
    public async Task RunAsync_RenewalsRefused_StopsTheProcessBeforeTheLeaseExpiresAndItsLateFinishIsRejected()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var store = new RefusingRenewalsStore(harness.Attempts);
        harness.Start(store);
        var claimedAt = harness.Time.GetUtcNow();
        var leaseEnds = claimedAt + harness.Options.LeaseDuration;
        var id = await harness.EnqueueAsync("stuck", "exec sleep 600");
        var attempt = await harness.ProcessStartedAsync(id);
        var pid = attempt.Process!.ProcessId;

        // The first renewal fails; the fence is the lease's end less the margin (the grace period and a second,
        // here bounded to half the time between renewal and expiry).
        harness.Time.Advance(harness.Options.LeaseRenewInterval);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(store.Renewals > 0 ? store : null), "a refused renewal");
        var fence = leaseEnds - harness.Options.LeaseMargin;
        harness.Time.Advance(fence - harness.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.False(store.FinishArrived.Task.IsCompleted);
        Assert.True(Directory.Exists($"/proc/{pid}"));

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var finish = await store.FinishArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(harness.Time.GetUtcNow() < leaseEnds);
        Assert.Equal(AttemptState.Interrupted, finish.AttemptStatus);
        Assert.False(Directory.Exists($"/proc/{pid}"));

        // Another worker finds the expired lease and rescues the task; then the stopped worker's finish lands.
        harness.Time.Advance(leaseEnds - harness.Time.GetUtcNow());
        var rescuer = new Rescuer(harness.Attempts, harness.Options, harness.Time, NullLogger.Instance, "rescuer:2:2");
        Assert.Equal(1, await rescuer.RescueLostAttemptsAsync());
        store.ReleaseFinish.SetResult();

        Assert.Equal(FinishOutcome.Rejected, await store.FinishRecorded.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        // The rescue's record stands (the task is back in the queue, and may already run again).
        Assert.Equal(1, (await harness.TaskAsync(id)).RescueCount);
        var stored = (await harness.AttemptsOfAsync(id))[0];
        Assert.Equal(AttemptState.Interrupted, stored.Status);
        Assert.Contains("stopped without finishing it", stored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordProcessAsync_AttemptRescuedMeanwhile_ReturnsFalseAndWritesNothing()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var id = await harness.EnqueueAsync("late", "true");
        var now = harness.Time.GetUtcNow();
        var claim = (await harness.Attempts.ClaimNextAsync(EngineHarness.WorkerId, now, now.AddSeconds(30)))!;
        await harness.Attempts.RescueAsync(new AttemptRescue
        {
            Attempt = claim.Attempt,
            WorkerId = EngineHarness.WorkerId,
            Now = now.AddSeconds(31),
            Reason = "interrupted",
            TaskStatus = TaskState.Pending,
        });

        var recorded = await harness.Attempts.RecordProcessAsync(claim.Attempt, EngineHarness.WorkerId, new ProcessIdentity(4242, 1, "boot"), "/logs/1.log");

        Assert.False(recorded);
        Assert.Null(Assert.Single(await harness.AttemptsOfAsync(id)).Process);
    }
}
