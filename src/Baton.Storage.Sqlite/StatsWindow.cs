using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// A statistics window in UTC days: the whole days it holds, and the last of them that may be sealed (rolled up for
/// good): yesterday, once today is ten minutes old. A task that ended yesterday but commits later unseals it again.
/// </summary>
/// <param name="SinceMs">The window's start, in Unix milliseconds.</param>
/// <param name="FirstFullDay">The first whole day in the window.</param>
/// <param name="LastSealableDay">The last day that may be sealed.</param>
internal sealed record StatsWindow(long SinceMs, long FirstFullDay, long LastSealableDay)
{
    private const long SealingMargin = 10 * 60 * 1000;

    /// <summary>Whether any whole day of the window may be sealed.</summary>
    public bool SealableDays => LastSealableDay >= FirstFullDay;

    public static StatsWindow Of(DateTimeOffset since, DateTimeOffset now)
    {
        var sinceMs = ToUnixMs(since);
        var firstDay = Math.DivRem(sinceMs, TaskRollups.DayMs, out var within);
        return new StatsWindow(sinceMs, within == 0 ? firstDay : firstDay + 1, (ToUnixMs(now) - SealingMargin) / TaskRollups.DayMs - 1);
    }
}
