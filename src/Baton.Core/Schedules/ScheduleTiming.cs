using Baton.Core.Errors;
using Baton.Core.Webhooks;
using Cronos;

namespace Baton.Core.Schedules;

/// <summary>
/// When a schedule's occurrences fall: a cron expression (five fields, or six with seconds first, or a name such as
/// <c>@daily</c>) read in a time zone, or a fixed interval counted from an anchor. Occurrences are computed from the
/// schedule alone, never from when the last run happened, so a late or slow run does not shift the ones after it.
/// </summary>
public sealed class ScheduleTiming
{
    /// <summary>The shortest interval: a tighter loop belongs in the task itself.</summary>
    public static readonly TimeSpan MinimumEvery = TimeSpan.FromSeconds(1);

    private readonly CronExpression? cron;
    private readonly TimeZoneInfo zone;

    private ScheduleTiming(string? cronText, CronExpression? cron, TimeSpan? every, TimeZoneInfo zone)
    {
        Cron = cronText;
        this.cron = cron;
        Every = every;
        this.zone = zone;
    }

    /// <summary>The cron expression as given, or null for an interval.</summary>
    public string? Cron { get; }

    /// <summary>The interval, or null for a cron expression.</summary>
    public TimeSpan? Every { get; }

    /// <summary>The time zone's id (IANA), in which cron fields are read.</summary>
    public string TimeZone => zone.Id;

    /// <summary>Reads exactly one of <paramref name="cronText"/> and <paramref name="everyText"/>; throws invalid input naming the problem.</summary>
    /// <param name="cronText">Five or six fields, or <c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>.</param>
    /// <param name="everyText">An interval such as <c>30s</c>, <c>5m</c>, <c>2h</c>.</param>
    /// <param name="timeZone">An IANA zone such as <c>Europe/Berlin</c>; null or empty for the machine's.</param>
    public static ScheduleTiming Parse(string? cronText, string? everyText, string? timeZone)
    {
        var zone = ParseZone(timeZone);
        var hasCron = !string.IsNullOrWhiteSpace(cronText);
        var hasEvery = !string.IsNullOrWhiteSpace(everyText);
        if (hasCron == hasEvery)
        {
            throw BatonException.Invalid("give exactly one of --cron (like '0 9 * * MON') and --every (like 30s, 5m, 2h)");
        }

        if (hasEvery)
        {
            var every = DurationText.TryParse(everyText)
                ?? throw BatonException.Invalid($"'{everyText}' is not an interval; write a whole number and a unit, like 30s, 5m, 2h or 1d");
            if (every < MinimumEvery)
            {
                throw BatonException.Invalid($"the interval must be at least {MinimumEvery.TotalSeconds:0}s (got {everyText})");
            }

            return new ScheduleTiming(null, null, every, zone);
        }

        var text = cronText!.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!text.StartsWith('@') && fields is not (5 or 6))
        {
            throw BatonException.Invalid($"'{text}' has {fields} fields; a cron expression has 5 (minute hour day month weekday) or 6 (seconds first)");
        }

        try
        {
            var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            return new ScheduleTiming(text, CronExpression.Parse(text, format), null, zone);
        }
        catch (CronFormatException ex)
        {
            throw BatonException.Invalid($"'{text}' is not a valid cron expression: {ex.Message.TrimEnd('.')}");
        }
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, or null if there is none (a cron expression
    /// that never matches again). An interval counts whole steps from <paramref name="anchor"/>.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (Every is { } every)
        {
            if (after < anchor)
            {
                return anchor;
            }

            var steps = ((after - anchor).Ticks / every.Ticks) + 1;
            return anchor + TimeSpan.FromTicks(steps * every.Ticks);
        }

        return cron!.GetNextOccurrence(after, zone, inclusive: false);
    }

    /// <summary>The first occurrence at or after <paramref name="from"/>.</summary>
    public DateTimeOffset? FirstFrom(DateTimeOffset from, DateTimeOffset anchor) => NextAfter(from - TimeSpan.FromTicks(1), anchor);

    private static TimeZoneInfo ParseZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            throw BatonException.Invalid($"'{timeZone}' is not a time zone this machine knows; use an IANA name such as Europe/Berlin or UTC");
        }
        catch (InvalidTimeZoneException)
        {
            throw BatonException.Invalid($"the time zone '{timeZone}' could not be read on this machine; use an IANA name such as Europe/Berlin or UTC");
        }
    }
}
