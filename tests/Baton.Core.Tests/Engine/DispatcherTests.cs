using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>
/// The claiming loop, with the clock standing still: after a claim that left slots free it waits for a wake-up or
/// for the next task it may claim to be due, and never claims again at once without end.
/// </summary>
public sealed class DispatcherTests
{
    [Fact]
    public async Task RunAsync_DueTaskOnlyOtherNodesMayClaim_WaitsForAWakeUpInsteadOfClaimingAgainAtOnce()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var store = new DispatchRecordingStore(harness.Attempts);
        var gpu = await harness.EnqueueAsync("gpu", "true", d => d with { RequiresLabels = ["gpu"] });
        harness.Start(store);

        var read = await FirstNextDueReadAsync(store);
        Assert.Empty(read.Labels);
        Assert.Null(read.Answer);

        await ClaimsOnlyWhenWokenAsync(harness, store);
        Assert.Equal(TaskState.Pending, (await harness.TaskAsync(gpu)).Status);
    }

    [Fact]
    public async Task RunAsync_TaskDueButNotClaimed_LooksAgainAMomentLaterNotAtOnce()
    {
        await using var harness = await EngineHarness.CreateAsync();
        // As when another node's claim holds the due task's row: the read says it is due, the claim finds nothing.
        var store = new DispatchRecordingStore(harness.Attempts) { Answer = () => harness.Time.GetUtcNow().AddSeconds(-1) };
        harness.Start(store);

        await FirstNextDueReadAsync(store);

        await ClaimsOnlyWhenWokenAsync(harness, store);
    }

    private static Task<NextDueRead> FirstNextDueReadAsync(DispatchRecordingStore store) =>
        EngineHarness.EventuallyAsync(
            () => Task.FromResult(store.NextDueReads.TryPeek(out var first) ? first : null),
            "the dispatcher's first next-due read");

    /// <summary>The clock stands still, so only a wake-up may make the loop claim again: the next task's.</summary>
    private static async Task ClaimsOnlyWhenWokenAsync(EngineHarness harness, DispatchRecordingStore store)
    {
        var plain = await harness.EnqueueAsync("plain", "true");
        await harness.StatusAsync(plain, TaskState.Completed);
        Assert.True(store.Claims <= 3, $"{store.Claims} claim transactions for one task: the dispatcher claimed again without being woken");
    }
}
