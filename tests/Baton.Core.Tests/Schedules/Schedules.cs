using Baton.Core.Application;
using Baton.Core.Schedules;

namespace Baton.Core.Tests.Schedules;

/// <summary>Schedules for tests: every minute in UTC from a fixed instant, with the policies a test asks for.</summary>
internal static class Schedules
{
    public static readonly DateTimeOffset Created = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static ScheduleSpec Spec(string name = "nightly", string? cron = "* * * * *", string? every = null) => new()
    {
        Name = name,
        Cron = cron,
        Every = every,
        TimeZone = "UTC",
        Task = new TaskRequest { Command = ["true"] },
    };

    public static ScheduleRecord Record(ScheduleSpec spec, DateTimeOffset? nextAt = null, DateTimeOffset? buffered = null, bool paused = false) =>
        new(ScheduleDefinition.From(spec), Created, "alice", new ScheduleState(paused, null, nextAt ?? Created.AddMinutes(1), buffered, 0));
}
