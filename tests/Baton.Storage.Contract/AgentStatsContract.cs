using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Agents' recent runs: counted per task, cost and tokens summed over attempts, in one window.</summary>
public abstract class AgentStatsContract : StoreContract
{
    [Fact]
    public async Task AgentStatsAsync_EndedTasks_CountedPerAgentWithCostAndTokens()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "task_a1", "reviewer", TaskState.Completed, Usage(0.5m, 100, 10));
        await RunAsync(store, "task_a2", "reviewer", TaskState.Failed, Usage(0.25m, 40, 4));
        await RunAsync(store, "task_a3", "writer", TaskState.Completed, null);
        await RunAsync(store, "task_a4", null, TaskState.Completed, Usage(9m, 1, 1));
        await store.Tasks.EnqueueAsync("task_a5", ContractTimes.Command("waiting") with { AgentName = "reviewer" }, ContractTimes.Now);

        var stats = await store.Tasks.AgentStatsAsync(ContractTimes.Now);
        var later = await store.Tasks.AgentStatsAsync(ContractTimes.Now.AddHours(1));

        Assert.Equal(["reviewer", "writer"], stats.Select(s => s.Agent));
        var reviewer = stats[0];
        Assert.Equal((2, 1, 1), (reviewer.Runs, reviewer.Succeeded, reviewer.Failed));
        Assert.Equal(0.75m, reviewer.CostUsd);
        Assert.Equal((140L, 14L, 14L, 6L), (reviewer.InputTokens, reviewer.OutputTokens, reviewer.CacheReadTokens, reviewer.CacheWriteTokens));
        Assert.Equal((1, 1, 0, 0m, 0L), (stats[1].Runs, stats[1].Succeeded, stats[1].Failed, stats[1].CostUsd, stats[1].InputTokens));
        Assert.Empty(later);
    }

    private static AgentRunDetails Usage(decimal cost, long input, long output) => new()
    {
        CostUsd = cost,
        Models = new Dictionary<string, ModelUsage>
        {
            ["model-a"] = new(input / 2, output / 2, 5, 2, null),
            ["model-b"] = new(input / 2, output / 2, 2, 1, null),
        },
    };

    /// <summary>Queues a task (of <paramref name="agent"/>, if any), claims it and ends it as <paramref name="status"/>.</summary>
    private static async Task RunAsync(StoreUnderTest store, string id, string? agent, TaskState status, AgentRunDetails? details)
    {
        await store.Tasks.EnqueueAsync(id, ContractTimes.Command(id) with { AgentName = agent, MaxRetries = 0 }, ContractTimes.Now);
        var claim = await store.ClaimAsync();
        Assert.Equal(id, claim.Task.Id);
        var completed = status == TaskState.Completed;
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = completed ? AttemptState.Completed : AttemptState.Failed,
            TaskStatus = status,
            EndedAt = ContractTimes.Now.AddSeconds(5),
            Result = completed ? "done" : null,
            Error = completed ? null : "broke",
            CountsAsFailure = !completed,
            Details = details,
        });
    }
}
