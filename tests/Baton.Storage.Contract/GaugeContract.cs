using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>The gauges a scrape reads: tasks that have not ended, grouped; open interactions by kind; pending deliveries.</summary>
public abstract class GaugeContract : StoreContract
{
    [Fact]
    public async Task ReadGaugesAsync_MixedHistory_CountsOnlyTasksThatHaveNotEnded()
    {
        await using var store = await OpenAsync();
        var (_, open) = await store.AskAsync("asking");
        await store.QueueAsync("done", ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true, result: "ok");
        await store.QueueAsync("broke", ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "broke");
        await store.QueueAsync("working", ContractTimes.Now);
        await store.ClaimAsync();
        await store.QueueAsync("low1", ContractTimes.Now, TaskPriority.Low);
        await store.Tasks.EnqueueAsync("task_low2", ContractTimes.Command("low2", TaskPriority.Low) with { AgentName = "reviewer" }, ContractTimes.Now);
        await store.QueueAsync("high", ContractTimes.Now, TaskPriority.High);

        var gauges = await store.Gauges.ReadGaugesAsync();

        var rows = gauges.Tasks
            .Select(t => $"{t.Status}/{t.Agent ?? "-"}/{t.Runner}/{t.Priority}/{t.Blocked}={t.Count}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "input_required/-/command/1/False=1",
                "pending/-/command/0/False=1",
                "pending/-/command/2/False=1",
                "pending/reviewer/command/0/False=1",
                "running/-/command/1/False=1",
            ],
            rows);
        var interactions = Assert.Single(gauges.OpenInteractions);
        Assert.Equal((1L, open.CreatedAt), (interactions.Count, interactions.OldestOpenedAt));
        Assert.False(string.IsNullOrEmpty(interactions.Kind));
        Assert.Equal(0, gauges.PendingDeliveries);
    }

    [Fact]
    public async Task ReadGaugesAsync_EmptyStore_ReadsNothing()
    {
        await using var store = await OpenAsync();

        var gauges = await store.Gauges.ReadGaugesAsync();

        Assert.Equal((0, 0, 0L), (gauges.Tasks.Count, gauges.OpenInteractions.Count, gauges.PendingDeliveries));
    }
}
