using Baton.Core.Application;
using Baton.Core.Events;
using Baton.Core.Schedules;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// Schedules: added once by name, read back as written; an occurrence recorded at most once, with its task and the
/// schedule's new state in the same transaction; a paused schedule records nothing unless by hand; history with the
/// tasks' status; runs settled for pause_on_failure.
/// </summary>
public abstract class ScheduleContract : StoreContract, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ContractTimes.Now;
    private StoreUnderTest opened = null!;
    private IScheduleStore schedules = null!;

    public async Task InitializeAsync()
    {
        opened = await OpenAsync();
        schedules = opened.Schedules;
    }

    public async Task DisposeAsync() => await opened.DisposeAsync();

    [Fact]
    public async Task AddAsync_NewName_IsReadBackAsWritten()
    {
        var schedule = Schedule();

        Assert.True(await schedules.AddAsync(schedule));

        var read = await schedules.GetAsync("nightly");
        Assert.NotNull(read);
        Assert.Equal(ScheduleJson.Write(schedule.Definition.Spec), ScheduleJson.Write(read.Definition.Spec));
        Assert.Equal(schedule.State, read.State);
        Assert.Equal((Now, "cli:alice"), (read.CreatedAt, read.CreatedBy));
        Assert.Equal(["nightly"], (await schedules.ListAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task AddAsync_NameTaken_IsRefusedAndKeepsTheFirst()
    {
        await schedules.AddAsync(Schedule());

        Assert.False(await schedules.AddAsync(Schedule(cron: "@hourly")));
        Assert.Equal("* * * * *", (await schedules.GetAsync("nightly"))!.Definition.Spec.Cron);
    }

    [Fact]
    public async Task RecordAsync_Fired_QueuesTheTaskMovesTheScheduleAndLogsTheEvent()
    {
        await schedules.AddAsync(Schedule());
        var occurrence = Fired(Now.AddMinutes(1));

        Assert.True(await Record(occurrence, new ScheduleState(false, null, Now.AddMinutes(2), null, 0)));

        var task = await opened.Tasks.GetTaskAsync(occurrence.TaskId!);
        Assert.NotNull(task);
        Assert.Equal("build", task.Definition.Name);
        Assert.Equal(Now.AddMinutes(2), (await schedules.GetAsync("nightly"))!.State.NextAt);
        var events = await opened.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: ["schedule.*"])));
        var fired = Assert.Single(events);
        Assert.Equal((EventTypes.ScheduleFired, occurrence.TaskId), (fired.Type, fired.TaskId));
    }

    [Fact]
    public async Task RecordAsync_SameOccurrenceTwice_FiresOnceAndLeavesTheFirstState()
    {
        await schedules.AddAsync(Schedule());
        Assert.True(await Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(2), null, 0)));

        Assert.False(await Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(9), null, 0)));

        Assert.Equal(Now.AddMinutes(2), (await schedules.GetAsync("nightly"))!.State.NextAt);
        Assert.Single(await schedules.HistoryAsync("nightly", 10));
        Assert.Single(await opened.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: ["schedule.*"]))));
    }

    [Fact]
    public async Task RecordAsync_ConcurrentRecordsOfOneOccurrence_OnlyOneWins()
    {
        await schedules.AddAsync(Schedule());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(2), null, 0))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await opened.Tasks.ListTasksAsync(new TaskQuery(Limit: 10)));
    }

    [Fact]
    public async Task RecordAsync_Paused_RecordsNothingUnlessByHand()
    {
        await schedules.AddAsync(Schedule());
        await schedules.SetPausedAsync("nightly", paused: true, "maintenance", null, ScheduleEvents.ForPaused("nightly", "maintenance", false, null, Now));

        Assert.False(await Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(2), null, 0)));
        Assert.True(await Record(Fired(Now.AddMinutes(1).AddSeconds(7)), new ScheduleState(false, null, Now.AddMinutes(1), null, 0), manual: true));

        var paused = (await schedules.GetAsync("nightly"))!.State;
        Assert.Equal((true, "maintenance"), (paused.Paused, paused.PauseNote));
    }

    [Fact]
    public async Task SetPausedAsync_Resume_ClearsTheNoteAndSetsTheNextOccurrence()
    {
        await schedules.AddAsync(Schedule());
        await schedules.SetPausedAsync("nightly", paused: true, "maintenance", null, null);

        var resumed = await schedules.SetPausedAsync("nightly", paused: false, null, Now.AddHours(1), null);

        Assert.Equal(new ScheduleState(false, null, Now.AddHours(1), null, 0), resumed!.State);
        Assert.Null(await schedules.SetPausedAsync("nobody", paused: true, null, null, null));
    }

    [Fact]
    public async Task HistoryAsync_NewestFirstWithTheTasksStatus()
    {
        await schedules.AddAsync(Schedule());
        await Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(2), null, 0));
        var skipped = new OccurrenceRecord("nightly", Now.AddMinutes(2), OccurrenceOutcome.Skipped, "the previous run is still going", null, Now.AddMinutes(2));
        await schedules.RecordAsync(skipped, null, new ScheduleState(false, null, Now.AddMinutes(3), null, 0), ScheduleEvents.ForOccurrence(skipped, null), manual: false);

        var history = await schedules.HistoryAsync("nightly", 10);

        Assert.Equal([OccurrenceOutcome.Skipped, OccurrenceOutcome.Fired], history.Select(h => h.Outcome));
        Assert.Equal("the previous run is still going", history[0].Reason);
        Assert.Equal("pending", history[1].TaskStatus);
    }

    [Fact]
    public async Task SettleAsync_WithANote_PausesOnceAndLogsIt()
    {
        await schedules.AddAsync(Schedule());
        await Record(Fired(Now.AddMinutes(1)), new ScheduleState(false, null, Now.AddMinutes(2), null, 0));
        Assert.Single(await schedules.UnsettledAsync("nightly"));
        var pausedEvent = ScheduleEvents.ForPaused("nightly", "paused after 1 failed run in a row", true, null, Now);

        await schedules.SettleAsync("nightly", [Now.AddMinutes(1)], 1, "paused after 1 failed run in a row", pausedEvent);
        await schedules.SettleAsync("nightly", [], 1, "paused after 1 failed run in a row", pausedEvent);

        Assert.Empty(await schedules.UnsettledAsync("nightly"));
        var state = (await schedules.GetAsync("nightly"))!.State;
        Assert.Equal((true, 1), (state.Paused, state.FailureStreak));
        Assert.Single(await opened.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.SchedulePaused]))));
    }

    [Fact]
    public async Task RemoveAsync_DropsTheScheduleAndItsHistoryButNotItsTasks()
    {
        await schedules.AddAsync(Schedule());
        var occurrence = Fired(Now.AddMinutes(1));
        await Record(occurrence, new ScheduleState(false, null, Now.AddMinutes(2), null, 0));

        Assert.True(await schedules.RemoveAsync("nightly"));
        Assert.False(await schedules.RemoveAsync("nightly"));

        Assert.Null(await schedules.GetAsync("nightly"));
        Assert.Empty(await schedules.HistoryAsync("nightly", 10));
        Assert.NotNull(await opened.Tasks.GetTaskAsync(occurrence.TaskId!));
    }

    [Fact]
    public async Task RecordAsync_WorkflowCreatedTwice_LeavesOneWorkflowAndShowsItsStatus()
    {
        await schedules.AddAsync(Schedule());
        var planned = Now.AddMinutes(1);
        var workflowId = OccurrenceIds.WorkflowId("nightly", planned);
        var first = await opened.Workflows.CreateAsync(ContractSteps.TwoPhases(workflowId, Core.Workflows.FailurePolicy.FailFast, "compile"), Now);

        // A node that crashed after creating the workflow, or a second node, creates it again under the same id.
        var again = await opened.Workflows.CreateAsync(ContractSteps.TwoPhases(workflowId, Core.Workflows.FailurePolicy.FailFast, "compile", "lint"), Now.AddSeconds(1));
        var occurrence = new OccurrenceRecord("nightly", planned, OccurrenceOutcome.Fired, null, null, planned, WorkflowId: workflowId);
        var state = new ScheduleState(false, null, Now.AddMinutes(2), null, 0);
        var recorded = await schedules.RecordAsync(occurrence, null, state, ScheduleEvents.ForOccurrence(occurrence, "cli:alice", workflow: true), manual: false);
        var recordedAgain = await schedules.RecordAsync(occurrence, null, state, ScheduleEvents.ForOccurrence(occurrence, "cli:alice", workflow: true), manual: false);

        Assert.Equal((first.Id, first.CreatedAt), (again.Id, again.CreatedAt));
        Assert.Equal(2, (await opened.Workflows.GetContentsAsync(workflowId))!.Tasks.Count);
        Assert.Equal((true, false), (recorded, recordedAgain));
        var history = Assert.Single(await schedules.HistoryAsync("nightly", 10));
        Assert.Equal((workflowId, "running", (string?)null), (history.WorkflowId, history.WorkflowStatus, history.TaskId));
        var unsettled = Assert.Single(await schedules.UnsettledAsync("nightly"));
        Assert.Equal((workflowId, "running"), (unsettled.WorkflowId, unsettled.WorkflowStatus));
    }

    private static ScheduleRecord Schedule(string cron = "* * * * *") => new(
        ScheduleDefinition.From(new ScheduleSpec { Name = "nightly", Cron = cron, TimeZone = "UTC", Task = new TaskRequest { Command = ["make"] } }),
        Now, "cli:alice", new ScheduleState(false, null, Now.AddMinutes(1), null, 0));

    private static OccurrenceRecord Fired(DateTimeOffset planned) =>
        new("nightly", planned, OccurrenceOutcome.Fired, null, OccurrenceIds.TaskId("nightly", planned), planned);

    private Task<bool> Record(OccurrenceRecord occurrence, ScheduleState state, bool manual = false) =>
        schedules.RecordAsync(occurrence, ContractTimes.Command(), state, ScheduleEvents.ForOccurrence(occurrence, "cli:alice"), manual);
}
