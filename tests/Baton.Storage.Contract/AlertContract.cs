using Baton.Core.Alerts;
using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Storage.Contract;

/// <summary>Failure-rate alerts: raised once per crossing of the threshold, with the state in the store.</summary>
public abstract class AlertContract : StoreContract
{
    private static readonly FailureRateRule Reviewer = new("reviewer", null, TimeSpan.FromHours(2), 0.5, MinRuns: 2);

    [Fact]
    public async Task SetFiringAsync_FiringTwiceThenClearedThenFiring_RaisesOncePerCrossing()
    {
        await using var store = await OpenAsync();
        var draft = EventRules.ForFailureRateAlert(Reviewer, 2, 3, ContractTimes.Now);

        var first = await store.Alerts.SetFiringAsync(Reviewer.Key, true, draft, ContractTimes.Now);
        var still = await store.Alerts.SetFiringAsync(Reviewer.Key, true, draft, ContractTimes.Now.AddMinutes(1));
        var cleared = await store.Alerts.SetFiringAsync(Reviewer.Key, false, draft, ContractTimes.Now.AddMinutes(2));
        var again = await store.Alerts.SetFiringAsync(Reviewer.Key, true, draft, ContractTimes.Now.AddMinutes(3));
        var neverFired = await store.Alerts.SetFiringAsync("other", false, draft, ContractTimes.Now);

        Assert.Equal((true, false, false, true, false), (first, still, cleared, again, neverFired));
        Assert.Equal(2, (await AlertsAsync(store)).Count);
    }

    [Fact]
    public async Task CheckOnceAsync_RateAtThreshold_OneEventWithTheFiguresThenNoMore()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "task_ok", TaskState.Completed);
        await RunAsync(store, "task_bad", TaskState.Failed);
        var strict = Reviewer with { MinRuns = 3 };
        var alerts = new FailureRateAlerts([Reviewer, strict], store.Tasks, store.Alerts, new FixedTime(ContractTimes.Now), NullLogger<FailureRateAlerts>.Instance);

        var raised = await alerts.CheckOnceAsync();
        var again = await alerts.CheckOnceAsync();

        Assert.Equal((1, 0), (raised, again));
        var alert = Assert.Single(await AlertsAsync(store));
        Assert.Equal("agent 'reviewer': 1 of 2 runs failed (50%) in the last 2h, at or over the 50% threshold", alert.Message);
        Assert.Contains("\"failed\":1", alert.Data, StringComparison.Ordinal);
        Assert.Contains("\"decided\":2", alert.Data, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<EventRecord>> AlertsAsync(StoreUnderTest store) =>
        await store.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.AlertFailureRate])));

    private static async Task RunAsync(StoreUnderTest store, string id, TaskState status)
    {
        await store.Tasks.EnqueueAsync(id, ContractTimes.Command(id) with { AgentName = "reviewer", MaxRetries = 0 }, ContractTimes.Now.AddMinutes(-30));
        var claim = await store.ClaimAsync(at: ContractTimes.Now.AddMinutes(-29));
        var completed = status == TaskState.Completed;
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = completed ? AttemptState.Completed : AttemptState.Failed,
            TaskStatus = status,
            EndedAt = ContractTimes.Now.AddMinutes(-20),
            Result = completed ? "done" : null,
            Error = completed ? null : "broke",
            CountsAsFailure = !completed,
        });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
