using Baton.Core.Schedules;
using static Baton.Core.Tests.Schedules.Schedules;

namespace Baton.Core.Tests.Schedules;

public sealed class SchedulePlannerTests
{
    private static readonly DateTimeOffset Minute1 = Created.AddMinutes(1);

    [Fact]
    public void Plan_NothingDue_DoesNothing()
    {
        var plan = SchedulePlanner.Plan(Record(Spec()), Minute1.AddSeconds(-1), running: false);

        Assert.Empty(plan.Steps);
        Assert.Equal(Minute1, plan.NextAt);
    }

    [Fact]
    public void Plan_DueAndIdle_FiresAndMovesToTheNextOccurrence()
    {
        var plan = SchedulePlanner.Plan(Record(Spec()), Minute1.AddMilliseconds(20), running: false);

        Assert.Equal([new PlannedStep(Minute1, OccurrenceOutcome.Fired)], plan.Steps);
        Assert.Equal(Minute1.AddMinutes(1), plan.NextAt);
    }

    [Fact]
    public void Plan_Paused_FiresNothing()
    {
        var plan = SchedulePlanner.Plan(Record(Spec(), paused: true), Minute1.AddMinutes(5), running: false);

        Assert.Empty(plan.Steps);
    }

    [Fact]
    public void Plan_OverlapSkip_RecordsTheSkipWithItsReason()
    {
        var plan = SchedulePlanner.Plan(Record(Spec()), Minute1, running: true);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(OccurrenceOutcome.Skipped, step.Outcome);
        Assert.Equal("the previous run is still going", step.Reason);
    }

    [Fact]
    public void Plan_OverlapAllowAll_FiresBesideTheRunningOne()
    {
        var plan = SchedulePlanner.Plan(Record(Spec() with { Overlap = "allow_all" }), Minute1, running: true);

        Assert.Equal(OccurrenceOutcome.Fired, Assert.Single(plan.Steps).Outcome);
    }

    [Fact]
    public void Plan_OverlapCancelOther_FiresAndAsksToCancelTheRunningOne()
    {
        var plan = SchedulePlanner.Plan(Record(Spec() with { Overlap = "cancel_other" }), Minute1, running: true);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(OccurrenceOutcome.Fired, step.Outcome);
        Assert.True(step.CancelRunning);
    }

    [Fact]
    public void Plan_OverlapBufferOne_KeepsOneAndSkipsTheNext()
    {
        var spec = Spec() with { Overlap = "buffer_one", MisfireGrace = "5m" };

        var plan = SchedulePlanner.Plan(Record(spec), Minute1.AddMinutes(1), running: true);

        Assert.Equal(Minute1, plan.BufferedAt);
        var skipped = Assert.Single(plan.Steps);
        Assert.Equal((Minute1.AddMinutes(1), OccurrenceOutcome.Skipped), (skipped.PlannedAt, skipped.Outcome));
    }

    [Fact]
    public void Plan_BufferedAndThePreviousRunEnded_FiresTheBufferedOne()
    {
        var spec = Spec() with { Overlap = "buffer_one" };

        var plan = SchedulePlanner.Plan(Record(spec, nextAt: Minute1.AddMinutes(1), buffered: Minute1), Minute1.AddSeconds(30), running: false);

        Assert.Equal([Minute1], plan.Steps.Select(s => s.PlannedAt));
        Assert.Equal(OccurrenceOutcome.Fired, plan.Steps[0].Outcome);
        Assert.Null(plan.BufferedAt);
    }

    [Fact]
    public void Plan_MisfireSkip_RecordsEachLateOneAsMissedAndFiresTheOnTimeOne()
    {
        // The daemon was down for five minutes; the occurrence of minute 6 is 10 s late, inside the 60 s grace.
        var plan = SchedulePlanner.Plan(Record(Spec()), Minute1.AddMinutes(5).AddSeconds(10), running: false);

        Assert.Equal(
            [OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Fired],
            plan.Steps.Select(s => s.Outcome));
        Assert.Equal(Minute1.AddMinutes(6), plan.NextAt);
    }

    [Fact]
    public void Plan_MisfireOnce_RunsTheLatestMissedOne()
    {
        var plan = SchedulePlanner.Plan(Record(Spec() with { Misfire = "once", MisfireGrace = "30s" }), Minute1.AddMinutes(4).AddSeconds(59), running: false);

        Assert.Equal([OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Fired],
            plan.Steps.Select(s => s.Outcome));
        Assert.Equal(Minute1.AddMinutes(4), plan.Steps[^1].PlannedAt);
        Assert.StartsWith("caught up", plan.Steps[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MisfireAllWithACap_RunsTheLatestUpToTheCap()
    {
        var spec = Spec() with { Misfire = "all", CatchUpCap = 3, Overlap = "allow_all", MisfireGrace = "30s" };

        var plan = SchedulePlanner.Plan(Record(spec), Minute1.AddMinutes(4).AddSeconds(59), running: false);

        Assert.Equal([OccurrenceOutcome.Missed, OccurrenceOutcome.Missed, OccurrenceOutcome.Fired, OccurrenceOutcome.Fired, OccurrenceOutcome.Fired],
            plan.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void Plan_MisfireAllWithOverlapSkip_RunsOneAndSkipsTheOthers()
    {
        var plan = SchedulePlanner.Plan(Record(Spec() with { Misfire = "all", MisfireGrace = "30s" }), Minute1.AddMinutes(2).AddSeconds(59), running: false);

        Assert.Equal([OccurrenceOutcome.Fired, OccurrenceOutcome.Skipped, OccurrenceOutcome.Skipped], plan.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void Plan_ALongOutageWithATightInterval_LooksBackAtMostTheLimit()
    {
        var spec = Spec(cron: null, every: "1s");

        var plan = SchedulePlanner.Plan(Record(spec, nextAt: Created.AddSeconds(1)), Created.AddDays(7), running: false);

        Assert.Equal(SchedulePlanner.MaxLookBack, plan.Steps.Count);
        Assert.Equal(Created.AddDays(7).AddSeconds(1), plan.NextAt);
    }

    [Fact]
    public void Plan_PastEndAt_EndsTheSchedule()
    {
        var spec = Spec() with { EndAt = Minute1.AddSeconds(30) };

        var plan = SchedulePlanner.Plan(Record(spec), Minute1, running: false);

        Assert.Single(plan.Steps);
        Assert.Null(plan.NextAt);
    }

    [Fact]
    public void FirstFrom_BeforeStartAt_StartsAtStartAt()
    {
        var spec = Spec(cron: null, every: "1h") with { StartAt = Created.AddDays(2).AddMinutes(30) };
        var schedule = Record(spec);

        Assert.Equal(Created.AddDays(2).AddMinutes(30), schedule.FirstFrom(Created));
        Assert.Equal(Created.AddDays(2).AddMinutes(90), schedule.NextAfter(Created.AddDays(2).AddMinutes(30)));
    }

    [Fact]
    public void JitterOf_SameOccurrence_IsTheSameAndWithinTheBound()
    {
        var jitter = TimeSpan.FromSeconds(30);
        var offsets = Enumerable.Range(0, 50).Select(i => OccurrenceIds.JitterOf("nightly", Minute1.AddMinutes(i), jitter)).ToList();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, jitter));
        Assert.True(offsets.Distinct().Count() > 10, "jitter should spread occurrences");
        Assert.Equal(offsets[7], OccurrenceIds.JitterOf("nightly", Minute1.AddMinutes(7), jitter));
    }

    [Fact]
    public void TaskId_IsDeterministicPerScheduleAndPlannedTime()
    {
        Assert.Equal(OccurrenceIds.TaskId("nightly", Minute1), OccurrenceIds.TaskId("nightly", Minute1));
        Assert.NotEqual(OccurrenceIds.TaskId("nightly", Minute1), OccurrenceIds.TaskId("nightly", Minute1.AddMinutes(1)));
        Assert.NotEqual(OccurrenceIds.TaskId("nightly", Minute1), OccurrenceIds.TaskId("hourly", Minute1));
        Assert.True(Baton.Core.Tasks.TaskIds.LooksLikeIdOrPrefix(OccurrenceIds.TaskId("nightly", Minute1)));
    }
}
