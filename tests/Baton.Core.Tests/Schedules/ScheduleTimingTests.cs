using Baton.Core.Errors;
using Baton.Core.Schedules;

namespace Baton.Core.Tests.Schedules;

public sealed class ScheduleTimingTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_FiveFields_FallsOnTheMinute()
    {
        var timing = ScheduleTiming.Parse("*/15 * * * *", null, "UTC");

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.Zero), timing.NextAfter(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), Anchor));
    }

    [Fact]
    public void NextAfter_SixFields_ReadsSecondsFirst()
    {
        var timing = ScheduleTiming.Parse("30 0 12 * * *", null, "UTC");

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 30, TimeSpan.Zero), timing.NextAfter(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), Anchor));
    }

    [Fact]
    public void NextAfter_DailyName_IsMidnightInTheZone()
    {
        var timing = ScheduleTiming.Parse("@daily", null, "Europe/Berlin");

        // Midnight in Berlin in winter is 23:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 1, 14, 23, 0, 0, TimeSpan.Zero), timing.NextAfter(new DateTimeOffset(2026, 1, 14, 12, 0, 0, TimeSpan.Zero), Anchor));
    }

    [Fact]
    public void NextAfter_MondaysAtNineInBerlinAcrossTheMarchChange_StaysAtNineLocal()
    {
        var timing = ScheduleTiming.Parse("0 9 * * MON", null, "Europe/Berlin");
        // Clocks go forward on Sunday 29 March 2026: 09:00 is 08:00 UTC before and 07:00 UTC after.
        var before = timing.NextAfter(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), Anchor)!.Value;
        var after = timing.NextAfter(before, Anchor)!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 23, 8, 0, 0, TimeSpan.Zero), before);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), after);
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromHours(1), after - before);
    }

    [Fact]
    public void NextAfter_ATimeSkippedBySpringForward_RunsOnceAtTheShiftedHour()
    {
        // 02:30 does not exist in Berlin on 29 March 2026; Cronos runs it at 03:00 local (01:00 UTC), once.
        var timing = ScheduleTiming.Parse("30 2 * * *", null, "Europe/Berlin");

        var next = timing.NextAfter(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), Anchor)!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), timing.NextAfter(next, Anchor));
    }

    [Fact]
    public void NextAfter_AnHourRepeatedByFallBack_RunsOnce()
    {
        // 02:30 happens twice in Berlin on 25 October 2026; a daily job runs at the first.
        var timing = ScheduleTiming.Parse("30 2 * * *", null, "Europe/Berlin");

        var first = timing.NextAfter(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), Anchor)!.Value;
        var second = timing.NextAfter(first, Anchor)!.Value;

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), second);
    }

    [Fact]
    public void NextAfter_Every_CountsWholeStepsFromTheAnchorNotFromTheLastRun()
    {
        var timing = ScheduleTiming.Parse(null, "5m", "UTC");

        Assert.Equal(Anchor.AddMinutes(10), timing.NextAfter(Anchor.AddMinutes(7).AddSeconds(13), Anchor));
        Assert.Equal(Anchor.AddMinutes(10), timing.NextAfter(Anchor.AddMinutes(5), Anchor));
        Assert.Equal(Anchor, timing.NextAfter(Anchor.AddMinutes(-3), Anchor));
    }

    [Theory]
    [InlineData("* * *", null, "3 fields")]
    [InlineData("61 * * * *", null, "not a valid cron expression")]
    [InlineData(null, "5 minutes", "not an interval")]
    [InlineData(null, "0s", "at least 1s")]
    [InlineData(null, null, "exactly one of --cron")]
    [InlineData("* * * * *", "5m", "exactly one of --cron")]
    public void Parse_Invalid_SaysWhatIsWrong(string? cron, string? every, string expected)
    {
        var error = Assert.Throws<BatonException>(() => ScheduleTiming.Parse(cron, every, "UTC"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownZone_NamesIt()
    {
        var error = Assert.Throws<BatonException>(() => ScheduleTiming.Parse("@hourly", null, "Mars/Olympus"));

        Assert.Contains("'Mars/Olympus' is not a time zone", error.Message, StringComparison.Ordinal);
    }
}
