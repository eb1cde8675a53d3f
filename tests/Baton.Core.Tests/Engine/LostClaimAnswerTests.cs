using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>A claim that committed although its answer was lost is handed back at the next renewal, and runs once.</summary>
public sealed class LostClaimAnswerTests
{
    [Fact]
    public async Task KeepLeases_ClaimCommittedButItsAnswerLost_HandsTheTaskBackAtTheNextRenewalAndRunsItOnce()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runs = Path.Combine(harness.Directory, "runs");
        var store = new LostClaimAnswerStore(harness.Attempts);
        harness.Start(store);

        var id = await harness.EnqueueAsync("lost", $"echo run >> '{runs}'");
        var lost = Assert.Single(await store.Lost.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(TaskState.Running, (await harness.TaskAsync(id)).Status);

        // Every renewal counts the lost attempt as this worker's; the first made once the claim's failure is back
        // hands it back (one made while the claim was still in flight cannot tell it from an attempt about to start).
        await EngineHarness.EventuallyAsync(
            async () =>
            {
                if ((await harness.AttemptsOfAsync(id))[0].Status != AttemptState.Running)
                {
                    return harness;
                }

                harness.Time.Advance(harness.Options.LeaseRenewInterval);
                return null;
            },
            "the lost attempt handed back");
        var task = await harness.StatusAsync(id, TaskState.Completed);

        var attempts = await harness.AttemptsOfAsync(id);
        Assert.Equal([AttemptState.Interrupted, AttemptState.Completed], attempts.Select(a => a.Status));
        Assert.Equal(lost.Attempt, attempts[0].Key);
        Assert.Null(attempts[0].Process);
        Assert.Equal(0, task.FailureCount);
        Assert.Single(await File.ReadAllLinesAsync(runs));
    }
}
