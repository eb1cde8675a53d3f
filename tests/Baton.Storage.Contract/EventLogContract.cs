using Baton.Core.Events;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>The event log: which events a change appends, in which order, and positions a reader can resume from.</summary>
public abstract class EventLogContract : StoreContract
{
    [Fact]
    public async Task ReadAsync_TaskLife_CreatedStartedCompletedInOrderWithStatuses()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_other01", ContractTimes.Command("other"), ContractTimes.Now.AddSeconds(-1));
        await store.Tasks.EnqueueAsync("task_life001", ContractTimes.Command("life") with { CreatedBy = "cli:dev" }, ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "exit code 3");
        var life = await store.Events.ReadAsync(new EventQuery(0, new EventFilter(TaskId: "task_life001")));
        var all = await store.Events.ReadAsync(new EventQuery(0, EventFilter.All));

        Assert.Equal([EventTypes.TaskCreated, EventTypes.TaskStarted, EventTypes.TaskFailed], life.Select(e => e.Type));
        Assert.Equal(["pending", "running", "failed"], life.Select(e => e.Status));
        Assert.Equal([null, "pending", "running"], life.Select(e => e.OldStatus));
        Assert.Equal([null, 1, 1], life.Select(e => e.Attempt));
        Assert.Equal("exit code 3", life[^1].Message);
        Assert.Equal(ContractTimes.Now.AddSeconds(5), life[^1].At);
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(all[^1].Id, await store.Events.LatestIdAsync());
    }

    [Fact]
    public async Task ReadAsync_WorkflowRuns_PhaseAndWorkflowEventsFilteredByType()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfevents0001", FailurePolicy.FailFast, "compile"), ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var flow = await store.Events.ReadAsync(new EventQuery(0, new EventFilter(WorkflowId: "wfevents0001", Types: ["phase.*", "workflow.*"])));

        Assert.Equal(
            ["workflow.started", "phase.started build", "phase.completed build", "phase.started ship", "phase.completed ship", "workflow.completed"],
            flow.Select(e => e.PhaseId is null ? e.Type : $"{e.Type} {e.PhaseId}"));
    }

    [Fact]
    public async Task ReadAsync_ResumingFromEachPositionWhileWritersAppendConcurrently_MissesNothing()
    {
        await using var store = await OpenAsync();
        const int Writers = 4, TasksEach = 25;
        var seen = new List<long>();
        using var done = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                foreach (var e in await store.Events.ReadAsync(new EventQuery(after, EventFilter.All)))
                {
                    seen.Add(e.Id);
                    after = e.Id;
                }

                if (finished)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < TasksEach; i++)
            {
                await store.Tasks.EnqueueAsync($"task_w{w}n{i:D3}", ContractTimes.Command(), ContractTimes.Now);
            }
        })));
        await done.CancelAsync();
        await reader;
        var all = await store.Events.ReadAsync(new EventQuery(0, EventFilter.All, 1000));

        Assert.Equal(Writers * TasksEach, all.Count);
        Assert.Equal(all.Select(e => e.Id), seen);
    }
}
