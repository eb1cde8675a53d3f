using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Listing tasks with the filters the dashboard and <c>baton task list</c> use, newest first, page by page.</summary>
public abstract class TaskListContract : StoreContract
{
    [Fact]
    public async Task ListTasksAsync_AgentFilter_ReturnsOnlyThatAgentsTasks()
    {
        await using var store = await OpenAsync();
        await FillAsync(store);

        var found = await store.Tasks.ListTasksAsync(new TaskQuery { AgentName = "reviewer" });

        Assert.Equal(["task_t5", "task_t3", "task_t1"], found.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_OwnerFilter_ReturnsOnlyTasksCreatedByThem()
    {
        await using var store = await OpenAsync();
        await FillAsync(store);

        var found = await store.Tasks.ListTasksAsync(new TaskQuery { CreatedBy = "token:ci" });

        Assert.Equal(["task_t4", "task_t2"], found.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_SinceAndUntil_ReturnOnlyTasksCreatedInTheWindow()
    {
        await using var store = await OpenAsync();
        await FillAsync(store);

        var since = await store.Tasks.ListTasksAsync(new TaskQuery { CreatedFrom = ContractTimes.Now.AddMinutes(3) });
        var until = await store.Tasks.ListTasksAsync(new TaskQuery { CreatedBefore = ContractTimes.Now.AddMinutes(2) });
        var both = await store.Tasks.ListTasksAsync(new TaskQuery { CreatedFrom = ContractTimes.Now.AddMinutes(1), CreatedBefore = ContractTimes.Now.AddMinutes(4) });
        var none = await store.Tasks.ListTasksAsync(new TaskQuery { CreatedFrom = ContractTimes.Now.AddDays(1) });

        Assert.Equal(["task_t5", "task_t4", "task_t3"], since.Select(t => t.Id));
        Assert.Equal(["task_t1", "task_t0"], until.Select(t => t.Id));
        Assert.Equal(["task_t3", "task_t2", "task_t1"], both.Select(t => t.Id));
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListTasksAsync_NameContains_MatchesAnyCaseAndTakesWildcardsLiterally()
    {
        await using var store = await OpenAsync();
        await FillAsync(store);

        var deploy = await store.Tasks.ListTasksAsync(new TaskQuery { NameContains = "DEPLOY" });
        var percent = await store.Tasks.ListTasksAsync(new TaskQuery { NameContains = "100%" });
        var underscore = await store.Tasks.ListTasksAsync(new TaskQuery { NameContains = "a_b" });

        Assert.Equal(["task_t4", "task_t1"], deploy.Select(t => t.Id));
        Assert.Equal(["task_t5"], percent.Select(t => t.Id));
        Assert.Equal(["task_t2"], underscore.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_SeveralStatuses_ReturnsTasksInAnyOfThem()
    {
        await using var store = await OpenAsync();
        await FillAsync(store);
        await store.Tasks.CancelAsync("task_t0", ContractTimes.Now.AddMinutes(10));
        await store.Tasks.CancelAsync("task_t3", ContractTimes.Now.AddMinutes(10));

        var cancelledOrPending = await store.Tasks.ListTasksAsync(new TaskQuery { AnyStatus = [TaskState.Cancelled, TaskState.Pending] });
        var cancelled = await store.Tasks.ListTasksAsync(new TaskQuery(TaskState.Cancelled) { AnyStatus = [TaskState.Failed] });

        Assert.Equal(6, cancelledOrPending.Count);
        Assert.Equal(["task_t3", "task_t0"], cancelled.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_FiltersCombinedAcrossPages_ReturnEachMatchOnce()
    {
        await using var store = await OpenAsync();
        for (var i = 0; i < 30; i++)
        {
            var definition = ContractTimes.Command($"nightly build {i}") with { AgentName = i % 3 == 0 ? "reviewer" : null, CreatedBy = i % 2 == 0 ? "cli:ann" : "cli:bob" };
            await store.Tasks.EnqueueAsync($"task_p{i:D2}", definition, ContractTimes.Now.AddSeconds(i));
        }

        var query = new TaskQuery(Limit: 2) { AgentName = "reviewer", CreatedBy = "cli:ann", NameContains = "Build", CreatedFrom = ContractTimes.Now.AddSeconds(1) };
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await store.Tasks.ListTasksAsync(query with { AfterId = after });
            seen.AddRange(page.Select(t => t.Id));
            after = page.Count == query.Limit ? page[^1].Id : null;
        }
        while (after is not null);

        Assert.Equal(["task_p24", "task_p18", "task_p12", "task_p06"], seen);
    }

    /// <summary>
    /// Six tasks a minute apart: t1, t3 and t5 by the reviewer agent; t2 and t4 created by token:ci; names with
    /// "deploy" in two cases, a literal % and a literal _ (and names those would match as wildcards).
    /// </summary>
    private static async Task FillAsync(StoreUnderTest store)
    {
        string[] names = ["lint a-b", "Deploy web", "a_b check", "test 1000", "deploy API", "ship 100%"];
        for (var i = 0; i < names.Length; i++)
        {
            var definition = ContractTimes.Command(names[i]) with
            {
                AgentName = i % 2 == 1 ? "reviewer" : null,
                CreatedBy = i is 2 or 4 ? "token:ci" : "cli:dev",
            };
            await store.Tasks.EnqueueAsync($"task_t{i}", definition, ContractTimes.Now.AddMinutes(i));
        }
    }
}
