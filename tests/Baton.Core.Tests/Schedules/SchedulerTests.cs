using Baton.Core.Application;
using Baton.Core.Events;
using Baton.Core.Schedules;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Schedules;

public sealed class SchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, 0, TimeSpan.Zero);

    private static ScheduleSpec Spec(string? cron = "* * * * *", string? every = null, string zone = "UTC") => new()
    {
        Name = "nightly",
        Cron = cron,
        Every = every,
        TimeZone = zone,
        Task = new TaskRequest { Command = ["make"] },
    };

    [Fact]
    public async Task TurnAsync_EachMinute_FiresEachOccurrenceOnceWithItsDeterministicTask()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "allow_all" });

        await harness.TurnAtAsync(Start.AddSeconds(59));
        await harness.TurnAtAsync(Start.AddMinutes(1));
        await harness.TurnAtAsync(Start.AddMinutes(1).AddMilliseconds(500));
        await harness.TurnAtAsync(Start.AddMinutes(2).AddMilliseconds(10));

        var history = await harness.HistoryAsync();
        Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(2)], history.Select(h => h.PlannedAt));
        Assert.All(history, h => Assert.Equal(OccurrenceOutcome.Fired, h.Outcome));
        var task = await harness.Tasks.GetTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(1)));
        Assert.NotNull(task);
        Assert.Equal(("cli:alice", "nightly"), (task.Definition.CreatedBy, task.Definition.Metadata["schedule"]));
        Assert.Equal(2, harness.Notifier.Changes.Count(c => c == WorkChange.Queued));
    }

    [Fact]
    public async Task TurnAsync_MondaysAtNineInBerlinAcrossTheMarchChange_FiresAtNineLocalEachWeek()
    {
        await using var harness = await SchedulerHarness.StartAsync(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
        await harness.AddAsync(Spec(cron: "0 9 * * MON", zone: "Europe/Berlin") with { Overlap = "allow_all" });

        // A turn every hour for three weeks, the clock moved by hand.
        for (var at = harness.Time.GetUtcNow(); at < new DateTimeOffset(2026, 4, 7, 0, 0, 0, TimeSpan.Zero); at = at.AddHours(1))
        {
            await harness.TurnAtAsync(at);
        }

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 23, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 6, 7, 0, 0, TimeSpan.Zero)],
            (await harness.HistoryAsync()).Where(h => h.Outcome == OccurrenceOutcome.Fired).Select(h => h.PlannedAt));
    }

    [Fact]
    public async Task TurnAsync_PreviousRunStillGoing_SkipsWithTheReasonAndLogsIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());

        await harness.TurnAtAsync(Start.AddMinutes(1));
        await harness.TurnAtAsync(Start.AddMinutes(2));

        var history = await harness.HistoryAsync();
        Assert.Equal([OccurrenceOutcome.Fired, OccurrenceOutcome.Skipped], history.Select(h => h.Outcome));
        var skipped = Assert.Single(await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ScheduleSkipped]))));
        Assert.Equal("the previous run is still going", skipped.Message);
    }

    [Fact]
    public async Task TurnAsync_BufferOne_RunsTheBufferedOccurrenceWhenThePreviousEnds()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "buffer_one" });
        await harness.TurnAtAsync(Start.AddMinutes(1));
        await harness.TurnAtAsync(Start.AddMinutes(2));
        Assert.Single(await harness.HistoryAsync());

        await harness.EndTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(1)), TaskState.Completed);
        await harness.TurnAtAsync(Start.AddMinutes(2).AddSeconds(20));

        Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(2)], (await harness.HistoryAsync()).Select(h => h.PlannedAt));
        Assert.Equal("it waited for the previous run to end", (await harness.HistoryAsync())[1].Reason);
    }

    [Fact]
    public async Task TurnAsync_CancelOther_CancelsTheRunningTaskAndFires()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "cancel_other" });
        await harness.TurnAtAsync(Start.AddMinutes(1));

        await harness.TurnAtAsync(Start.AddMinutes(2));

        Assert.Equal(TaskState.Cancelled, (await harness.Tasks.GetTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(1))))!.Status);
        Assert.Equal(TaskState.Pending, (await harness.Tasks.GetTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(2))))!.Status);
    }

    [Fact]
    public async Task TurnAsync_AfterDowntimeWithMisfireOnce_RunsOneAndRecordsTheRestAsMissed()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec(cron: null, every: "10m") with { Misfire = "once" });

        await harness.TurnAtAsync(Start.AddMinutes(45));

        var history = await harness.HistoryAsync();
        Assert.Equal([OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Fired], history.Select(h => h.Outcome));
        Assert.Equal(Start.AddMinutes(40), history[^1].PlannedAt);
        Assert.Equal(3, (await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ScheduleMissed])))).Count);
        Assert.Equal(Start.AddMinutes(50), (await harness.Service.GetAsync("nightly")).State.NextAt);
    }

    [Fact]
    public async Task TurnAsync_Jitter_QueuesTheTaskToRunWithinTheSpread()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Jitter = "30s" });

        await harness.TurnAtAsync(Start.AddMinutes(1));

        var task = await harness.Tasks.GetTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(1) + OccurrenceIds.JitterOf("nightly", Start.AddMinutes(1), TimeSpan.FromSeconds(30)), task!.Definition.RunAt);
    }

    [Fact]
    public async Task TurnAsync_Paused_FiresNothingAndResumeStartsFromNow()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());
        await harness.Service.PauseAsync("nightly", "deploy freeze");

        await harness.TurnAtAsync(Start.AddMinutes(5));
        Assert.Empty(await harness.HistoryAsync());
        Assert.Empty(await harness.Service.NextAsync("nightly", 3));

        await harness.Service.ResumeAsync("nightly");
        await harness.TurnAtAsync(Start.AddMinutes(6));

        Assert.Equal([Start.AddMinutes(6)], (await harness.HistoryAsync()).Select(h => h.PlannedAt));
    }

    [Fact]
    public async Task TurnAsync_PauseOnFailure_PausesAfterNFailuresInARowAndTellsTheOwner()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { PauseOnFailure = 2 });
        await harness.TurnAtAsync(Start.AddMinutes(1));
        await harness.EndTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(1)), TaskState.Failed);
        await harness.TurnAtAsync(Start.AddMinutes(2));
        await harness.EndTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(2)), TaskState.Failed);

        await harness.TurnAtAsync(Start.AddMinutes(3));

        var schedule = await harness.Service.GetAsync("nightly");
        Assert.True(schedule.State.Paused);
        Assert.StartsWith("paused after 2 failed runs in a row", schedule.State.PauseNote, StringComparison.Ordinal);
        Assert.Equal(2, (await harness.HistoryAsync()).Count);
        var paused = Assert.Single(await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.SchedulePaused]))));
        Assert.Equal(schedule.State.PauseNote, paused.Message);
    }

    [Fact]
    public async Task TurnAsync_ASuccessBetweenFailures_StartsTheCountAgain()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { PauseOnFailure = 2 });
        TaskState[] outcomes = [TaskState.Failed, TaskState.Completed, TaskState.Failed];
        for (var i = 0; i < outcomes.Length; i++)
        {
            await harness.TurnAtAsync(Start.AddMinutes(i + 1));
            await harness.EndTaskAsync(OccurrenceIds.TaskId("nightly", Start.AddMinutes(i + 1)), outcomes[i]);
        }

        await harness.TurnAtAsync(Start.AddMinutes(4));

        var state = (await harness.Service.GetAsync("nightly")).State;
        Assert.Equal((false, 1), (state.Paused, state.FailureStreak));
    }

    [Fact]
    public async Task TurnAsync_TaskNoLongerValid_RecordsAFailedOccurrenceAndKeepsTheSchedule()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Task = new TaskRequest { AgentName = "reviewer", AgentInstructions = "review" } });
        var schedule = await harness.Service.GetAsync("nightly");
        // The agent is removed after the schedule was added.
        await harness.Store.RemoveAsync("nightly");
        await harness.Store.AddAsync(schedule with { Definition = ScheduleDefinition.From(schedule.Definition.Spec with { Task = new TaskRequest { AgentName = "gone", AgentInstructions = "review" } }) });

        await harness.TurnAtAsync(Start.AddMinutes(1));

        var failed = Assert.Single(await harness.HistoryAsync());
        Assert.Equal((OccurrenceOutcome.Failed, "no agent named 'gone' (see 'baton agents')"), (failed.Outcome, failed.Reason));
        var skipped = Assert.Single(await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ScheduleSkipped]))));
        Assert.Contains("could not queue its task", skipped.Message, StringComparison.Ordinal);
        Assert.Equal(Start.AddMinutes(2), (await harness.Service.GetAsync("nightly")).State.NextAt);
    }

    [Fact]
    public async Task TurnAsync_TwoNodesAtOnce_FireEachOccurrenceOnce()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "allow_all", MisfireGrace = "5m" });
        harness.Time.SetUtcNow(Start.AddMinutes(3).AddSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => harness.NewScheduler().TurnAsync()));

        var history = await harness.HistoryAsync();
        Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(3)], history.Select(h => h.PlannedAt));
        Assert.Equal(3, (await harness.Tasks.ListTasksAsync(new Storage.TaskQuery(Limit: 100))).Count);
    }

    [Fact]
    public async Task TurnAsync_RestartAfterTheOccurrenceWasRecordedButBeforeTheScheduleMoved_DoesNotFireAgain()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "allow_all" });
        var before = (await harness.Service.GetAsync("nightly")).State;
        await harness.TurnAtAsync(Start.AddMinutes(1));
        // As if the node died after the occurrence committed and an older position was read back by another node.
        await harness.Store.SaveProgressAsync("nightly", before.NextAt, null);

        await harness.TurnAtAsync(Start.AddMinutes(1).AddSeconds(2));
        await harness.TurnAtAsync(Start.AddMinutes(1).AddSeconds(3));

        Assert.Single(await harness.HistoryAsync());
        Assert.Single(await harness.Tasks.ListTasksAsync(new Storage.TaskQuery(Limit: 100)));
        Assert.Equal(Start.AddMinutes(2), (await harness.Service.GetAsync("nightly")).State.NextAt);
    }

    [Fact]
    public async Task TriggerAsync_WhilePaused_FiresNowAndLeavesThePlanAlone()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());
        await harness.Service.PauseAsync("nightly", null);
        harness.Time.SetUtcNow(Start.AddSeconds(12));

        var fired = await harness.Service.TriggerAsync("nightly", "cli:alice");

        Assert.Equal((OccurrenceOutcome.Fired, Start.AddSeconds(12), "triggered by cli:alice"), (fired.Outcome, fired.PlannedAt, fired.Reason));
        Assert.NotNull(await harness.Tasks.GetTaskAsync(fired.TaskId!));
        var state = (await harness.Service.GetAsync("nightly")).State;
        Assert.Equal((true, Start.AddMinutes(1)), (state.Paused, state.NextAt));
    }

    [Fact]
    public async Task RunAsync_FakeClockPassesTheOccurrence_FiresIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec(cron: null, every: "30s"));
        using var stop = new CancellationTokenSource();
        var running = harness.NewScheduler().RunAsync(stop.Token);

        for (var i = 0; i < 40 && (await harness.HistoryAsync()).Count == 0; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            await Testing.Poll.UntilAsync(() => true, TimeSpan.FromSeconds(1), "a turn");
        }

        await Testing.Poll.UntilAsync(() => harness.HistoryAsync().GetAwaiter().GetResult().Count == 1, TimeSpan.FromSeconds(10), "the first occurrence");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(Start.AddSeconds(30), Assert.Single(await harness.HistoryAsync()).PlannedAt);
    }

    [Fact]
    public async Task AddAsync_NameTaken_IsAConflictThatSaysWhatToDo()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());

        var error = await Assert.ThrowsAsync<Errors.BatonException>(() => harness.AddAsync(Spec()));

        Assert.Equal(Errors.ErrorKind.Conflict, error.Kind);
        Assert.Contains("baton schedule remove nightly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextAsync_Every_ListsTheNextOccurrencesFromTheAnchor()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start.AddMilliseconds(250));
        await harness.AddAsync(Spec(cron: null, every: "2h"));

        Assert.Equal([Start.AddHours(2).AddMilliseconds(250), Start.AddHours(4).AddMilliseconds(250)], await harness.Service.NextAsync("nightly", 2));
    }
}
