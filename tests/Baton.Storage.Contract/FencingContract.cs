using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>
/// Fencing: every write about an attempt names the worker that holds it, and only that worker's writes to a still
/// running attempt change anything, so a worker that lost its lease cannot complete a task or overwrite its record.
/// </summary>
public abstract class FencingContract : StoreContract
{
    [Fact]
    public async Task FinishAsync_AnotherWorker_RejectedAndTaskUnchanged()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();

        var outcome = await store.Attempts.FinishAsync(ContractSteps.Completed(claim, ContractTimes.OtherWorker));

        Assert.Equal(FinishOutcome.Rejected, outcome);
        Assert.Equal(TaskState.Running, (await store.TaskAsync(id)).Status);
        Assert.Equal(AttemptState.Running, Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Status);
    }

    [Fact]
    public async Task FinishAsync_AfterRescue_RejectedAndTheRescueStands()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        Assert.True(await store.Attempts.RescueAsync(ContractSteps.Rescue(claim)));

        var outcome = await store.Attempts.FinishAsync(ContractSteps.Completed(claim));

        Assert.Equal(FinishOutcome.Rejected, outcome);
        var task = await store.TaskAsync(id);
        Assert.Equal((TaskState.Pending, 1, (string?)null), (task.Status, task.RescueCount, task.Result));
        Assert.Equal(AttemptState.Interrupted, Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Status);
    }

    [Fact]
    public async Task FinishAsync_StaleAttemptAfterRescueAndReclaim_TaskCompletesOnlyByTheNewAttempt()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var stale = await store.ClaimAsync();
        await store.Attempts.RescueAsync(ContractSteps.Rescue(stale));
        var fresh = await store.ClaimAsync(ContractTimes.OtherWorker, ContractSteps.RescuedAt);

        Assert.Equal(FinishOutcome.Rejected, await store.Attempts.FinishAsync(ContractSteps.Completed(stale)));
        Assert.Equal(TaskState.Running, (await store.TaskAsync(id)).Status);
        Assert.NotEqual(FinishOutcome.Rejected, await store.Attempts.FinishAsync(ContractSteps.Completed(fresh, ContractTimes.OtherWorker)));
        Assert.Equal(TaskState.Completed, (await store.TaskAsync(id)).Status);
    }

    [Fact]
    public async Task RecordProcessAsync_AnotherWorkerOrEndedAttempt_WritesNothing()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        var process = new ProcessIdentity(4242, 123456789, "boot-1");

        Assert.False(await store.Attempts.RecordProcessAsync(claim.Attempt, ContractTimes.OtherWorker, process, "/logs/other.log"));
        Assert.Null(Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Process);
        Assert.True(await store.Attempts.RecordProcessAsync(claim.Attempt, ContractTimes.Worker, process, "/logs/1.log"));
        Assert.Equal(process, Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Process);

        await store.Attempts.RescueAsync(ContractSteps.Rescue(claim));
        Assert.False(await store.Attempts.RecordProcessAsync(claim.Attempt, ContractTimes.Worker, new ProcessIdentity(1, 1, "boot-2"), "/logs/late.log"));
        Assert.Equal(process, Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Process);
    }

    [Fact]
    public async Task RecordProgressAsync_AnotherWorker_WritesNothing()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();

        Assert.False(await store.Attempts.RecordProgressAsync(claim.Attempt, ContractTimes.OtherWorker, new AgentProgress("s-other", "Edit b.cs", 9, 0), ContractTimes.Now));
        Assert.True(await store.Attempts.RecordProgressAsync(claim.Attempt, ContractTimes.Worker, new AgentProgress("s-1", "Read a.cs", 1, 0), ContractTimes.Now));

        var attempt = Assert.Single(await store.Tasks.GetAttemptsAsync(id));
        Assert.Equal(new AgentProgress("s-1", "Read a.cs", 1, 0), attempt.Progress);
    }

    [Fact]
    public async Task RecordReportAsync_RunningAttempt_IsStoredAndAfterItEndsWritesNothing()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        var report = new AgentReport(40, "writing tests", ContractTimes.Now);

        Assert.True(await store.Attempts.RecordReportAsync(claim.Attempt, report));
        Assert.Equal(report, Assert.Single(await store.Tasks.GetAttemptsAsync(id)).Report);

        await store.Attempts.RescueAsync(ContractSteps.Rescue(claim));
        Assert.False(await store.Attempts.RecordReportAsync(claim.Attempt, report with { Percent = 90, Step = "late" }));
        Assert.Equal(report, (await store.Tasks.GetAttemptsAsync(id))[0].Report);
    }
}
