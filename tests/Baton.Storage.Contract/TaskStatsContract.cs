using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>
/// Task statistics on a known history whose figures are worked out by hand: counts, nearest-rank percentiles of
/// duration and queue wait, retries, usage, the groupings, and the failure groups.
/// </summary>
public abstract class TaskStatsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = ContractTimes.Now.AddDays(-1);
    private static readonly DateTimeOffset Since = ContractTimes.Now.AddDays(-2);

    [Fact]
    public async Task TaskStatsAsync_KnownHistory_MatchesHandComputedTotals()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        var total = Assert.Single(await store.Tasks.TaskStatsAsync(Since, ContractTimes.Now, StatsGrouping.None));

        // Ended in the window: a1, a2, c1, c2, c3 (cancelled before it started), c4. Started: all but c3.
        // Durations 10, 30, 50, 60, 100 s: p50 is rank ceil(2.5) = 3, p95 rank ceil(4.75) = 5.
        // Waits 5, 10, 15, 20, 40 s. Retries: c1's second attempt. Usage: a1's and a2's.
        Assert.Equal(new TaskStatsGroup(null, 6, 2, 3, 1, 50_000, 100_000, 15_000, 40_000, 1, 0.75m, 140, 14, 14, 6), total);
    }

    [Fact]
    public async Task TaskStatsAsync_ByAgent_GroupsWithoutAgentFirst()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        var groups = await store.Tasks.TaskStatsAsync(Since, ContractTimes.Now, StatsGrouping.Agent);

        // Without agent: c1..c4; durations 10, 30, 50 s (p50 rank 2, p95 rank 3); waits 5, 15, 40 s.
        // reviewer: a1, a2; durations 60, 100 s (p50 rank 1, p95 rank 2); waits 10, 20 s.
        Assert.Equal(
            [
                new TaskStatsGroup(null, 4, 1, 2, 1, 30_000, 50_000, 15_000, 40_000, 1, 0m, 0, 0, 0, 0),
                new TaskStatsGroup("reviewer", 2, 1, 1, 0, 60_000, 100_000, 10_000, 20_000, 0, 0.75m, 140, 14, 14, 6),
            ],
            groups);
    }

    [Fact]
    public async Task TaskStatsAsync_ByRunnerAndDay_KeysAndRuns()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        var runners = await store.Tasks.TaskStatsAsync(Since, ContractTimes.Now, StatsGrouping.Runner);
        var days = await store.Tasks.TaskStatsAsync(Since, ContractTimes.Now, StatsGrouping.Day);

        Assert.Equal([("claude", 2), ("command", 4)], runners.Select(g => (g.Key!, g.Runs)));
        // c4 ended the next morning (UTC); the others on the first day.
        Assert.Equal([("2029-12-31", 5), ("2030-01-01", 1)], days.Select(g => (g.Key!, g.Runs)));
    }

    [Fact]
    public async Task TaskStatsAsync_WindowStartsWithinADay_LeavesOutThatDaysEarlierTasks()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        // a1 and a2 ended before T0 + 8 min on the same day as c1..c3; c4 ended the next day.
        var total = Assert.Single(await store.Tasks.TaskStatsAsync(T0.AddMinutes(8), ContractTimes.Now, StatsGrouping.None));
        var days = await store.Tasks.TaskStatsAsync(T0.AddMinutes(8), ContractTimes.Now, StatsGrouping.Day);

        // Durations 10, 30, 50 s; waits 5, 15, 40 s; no usage.
        Assert.Equal(new TaskStatsGroup(null, 4, 1, 2, 1, 30_000, 50_000, 15_000, 40_000, 1, 0m, 0, 0, 0, 0), total);
        Assert.Equal([("2029-12-31", 3), ("2030-01-01", 1)], days.Select(g => (g.Key!, g.Runs)));
    }

    [Fact]
    public async Task TaskStatsAsync_TaskRequeuedAfterItFailed_CountsOnceAsItEndedLast()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "task_again", Command("reviewer"), T0, 10, 60, TaskState.Failed, ExitThree, Usage(0.5m, 100, 10));
        await store.Tasks.RequeueAsync("task_again", T0.AddMinutes(5));
        var claim = await store.ClaimAsync(at: T0.AddMinutes(6));
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt, WorkerId = ContractTimes.Worker, AttemptStatus = AttemptState.Completed, TaskStatus = TaskState.Completed,
            EndedAt = T0.AddMinutes(7), Result = "done", Details = Usage(0.25m, 40, 4),
        });

        var groups = await store.Tasks.TaskStatsAsync(Since, ContractTimes.Now, StatsGrouping.Agent);

        // One run, completed; its duration runs from its first start (T0 + 10 s) to its last end (T0 + 7 min).
        var group = Assert.Single(groups);
        Assert.Equal(("reviewer", 1, 1, 0), (group.Key, group.Runs, group.Succeeded, group.Failed));
        Assert.Equal(410_000, group.DurationP50Ms);
        Assert.Equal((0.75m, 140L), (group.CostUsd, group.InputTokens));
    }

    [Fact]
    public async Task TaskStatsAsync_DaysLongOver_SameFiguresWhenReadAgainAndAfterAnOldTaskIsRequeued()
    {
        await using var store = await OpenAsync();
        var now = ContractTimes.Now;
        await RunAsync(store, "task_d5", Command("reviewer"), now.AddDays(-5), 10, 60, TaskState.Completed, null, Usage(0.5m, 100, 10));
        await RunAsync(store, "task_d4", Command(null), now.AddDays(-4), 20, 30, TaskState.Failed, ExitThree);
        await RunAsync(store, "task_d3", Command("reviewer"), now.AddDays(-3), 5, 90, TaskState.Completed, null, Usage(0.25m, 40, 4));
        await RunAsync(store, "task_d0", Command(null), now.AddHours(-3), 1, 10, TaskState.Completed, null);
        var since = now.AddDays(-6);

        var first = await store.Tasks.TaskStatsAsync(since, now, StatsGrouping.Agent);
        var again = await store.Tasks.TaskStatsAsync(since, now, StatsGrouping.Agent);

        // Without agent: d4 and d0 (durations 10, 30 s; waits 1, 20 s). reviewer: d5 and d3 (60, 90 s; waits 5, 10 s).
        Assert.Equal(
            [
                new TaskStatsGroup(null, 2, 1, 1, 0, 10_000, 30_000, 1_000, 20_000, 0, 0m, 0, 0, 0, 0),
                new TaskStatsGroup("reviewer", 2, 2, 0, 0, 60_000, 90_000, 5_000, 10_000, 0, 0.75m, 140, 14, 14, 6),
            ],
            first);
        Assert.Equal(first, again);

        // The failed task of four days ago runs again and completes an hour ago: it counts once, today, as completed.
        await store.Tasks.RequeueAsync("task_d4", now.AddHours(-2));
        var claim = await store.ClaimAsync(at: now.AddHours(-2));
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt, WorkerId = ContractTimes.Worker, AttemptStatus = AttemptState.Completed, TaskStatus = TaskState.Completed,
            EndedAt = now.AddHours(-1), Result = "done",
        });
        var days = await store.Tasks.TaskStatsAsync(since, now, StatsGrouping.Day);
        var total = Assert.Single(await store.Tasks.TaskStatsAsync(since, now, StatsGrouping.None));

        Assert.Equal([("2029-12-27", 1), ("2029-12-29", 1), ("2030-01-01", 2)], days.Select(g => (g.Key!, g.Runs)));
        Assert.Equal((4, 4, 0), (total.Runs, total.Succeeded, total.Failed));
    }

    [Fact]
    public async Task TaskStatsAsync_NothingEnded_NoGroups()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        Assert.Empty(await store.Tasks.TaskStatsAsync(ContractTimes.Now.AddHours(1), ContractTimes.Now, StatsGrouping.None));
    }

    [Fact]
    public async Task FailureGroupsAsync_KnownHistory_LargestGroupFirstWithLatestExample()
    {
        await using var store = await OpenAsync();
        await SeedAsync(store);

        var groups = await store.Tasks.FailureGroupsAsync(Since, 10);

        Assert.Equal(
            [
                new TaskFailureGroup("failed", ExitThree, 2, "task_c4"),
                new TaskFailureGroup("timed_out", TimedOut, 1, "task_c2"),
            ],
            groups);
        Assert.Single(await store.Tasks.FailureGroupsAsync(Since, 1));
    }

    private const string ExitThree = "the program ended with exit code 3";
    private const string TimedOut = "timed out after 10 s; the process tree was stopped";

    /// <summary>The known history; every time is relative to <see cref="T0"/>, a day before the contract's now.</summary>
    private static async Task SeedAsync(StoreUnderTest store)
    {
        // Ended before the window: left out.
        await RunAsync(store, "task_old", Command(null), T0.AddDays(-2), 1, 5, TaskState.Completed, null);
        await RunAsync(store, "task_a1", Command("reviewer"), T0, 10, 60, TaskState.Completed, null, Usage(0.5m, 100, 10));
        await RunAsync(store, "task_a2", Command("reviewer"), T0.AddMinutes(5), 20, 100, TaskState.Failed, ExitThree, Usage(0.25m, 40, 4));
        await RunAsync(store, "task_c1", Command(null), T0.AddMinutes(10), 5, 30, TaskState.Completed, null, retried: true);
        await RunAsync(store, "task_c2", Command(null) with { TimeoutSeconds = 10 }, T0.AddMinutes(15), 40, 10, TaskState.TimedOut, TimedOut);
        await store.Tasks.EnqueueAsync("task_c3", Command(null), T0.AddMinutes(20));
        await store.Tasks.CancelAsync("task_c3", T0.AddMinutes(21));
        await RunAsync(store, "task_c4", Command(null), ContractTimes.Now.AddHours(-2), 15, 50, TaskState.Failed, ExitThree);
        // Not ended: left out.
        await store.Tasks.EnqueueAsync("task_waiting", Command("reviewer"), T0);
    }

    private static TaskDefinition Command(string? agent) =>
        ContractTimes.Command("stats") with { AgentName = agent, Runner = agent is null ? "command" : "claude", MaxRetries = 1 };

    private static AgentRunDetails Usage(decimal cost, long input, long output) => new()
    {
        CostUsd = cost,
        Models = new Dictionary<string, ModelUsage>
        {
            ["model-a"] = new(input / 2, output / 2, 5, 2, null),
            ["model-b"] = new(input / 2, output / 2, 2, 1, null),
        },
    };

    /// <summary>
    /// Queues a task at <paramref name="created"/>, starts it <paramref name="waitSeconds"/> later and ends it
    /// <paramref name="durationSeconds"/> after that start; a retried one fails its first attempt halfway and is claimed again at once.
    /// </summary>
    private static async Task RunAsync(
        StoreUnderTest store, string id, TaskDefinition definition, DateTimeOffset created, int waitSeconds, int durationSeconds,
        TaskState status, string? error, AgentRunDetails? details = null, bool retried = false)
    {
        await store.Tasks.EnqueueAsync(id, definition, created);
        var started = created.AddSeconds(waitSeconds);
        var ended = started.AddSeconds(durationSeconds);
        var claim = await store.ClaimAsync(at: started);
        Assert.Equal(id, claim.Task.Id);
        if (retried)
        {
            var halfway = started.AddSeconds(durationSeconds / 2.0);
            await store.Attempts.FinishAsync(new AttemptFinish
            {
                Attempt = claim.Attempt, WorkerId = ContractTimes.Worker, AttemptStatus = AttemptState.Failed, TaskStatus = TaskState.Retrying,
                EndedAt = halfway, Error = "flaky", CountsAsFailure = true, DueAt = halfway,
            });
            claim = await store.ClaimAsync(at: halfway);
            Assert.Equal(id, claim.Task.Id);
        }

        var completed = status == TaskState.Completed;
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = completed ? AttemptState.Completed : status == TaskState.TimedOut ? AttemptState.TimedOut : AttemptState.Failed,
            TaskStatus = status,
            EndedAt = ended,
            Result = completed ? "done" : null,
            Error = error,
            CountsAsFailure = !completed,
            Details = details,
        });
    }
}
