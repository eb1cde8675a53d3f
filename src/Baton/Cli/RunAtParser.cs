using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Core.Errors;

namespace Baton.Cli;

/// <summary>
/// Parses --run-at: an ISO 8601 time (with offset or Z; without one it is local time), a local time of day
/// (the next such moment), or a delay from now such as +90s, +10m, +2h, +1d.
/// </summary>
internal static partial class RunAtParser
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    public static DateTimeOffset Parse(string text, TimeProvider time)
    {
        var value = text.Trim();
        var now = time.GetUtcNow();
        var delay = DelayPattern().Match(value);
        if (delay.Success)
        {
            var amount = double.Parse(delay.Groups[1].Value, CultureInfo.InvariantCulture);
            return now + delay.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        if (HasOffset().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        var zone = time.LocalTimeZone;
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        if (TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            var today = TimeZoneInfo.ConvertTime(now, zone);
            var candidate = today.Date + timeOfDay.ToTimeSpan();
            if (candidate <= today.DateTime)
            {
                candidate = candidate.AddDays(1);
            }

            return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
        }

        throw BatonException.Invalid(
            $"--run-at '{text}' is not a time; use an ISO 8601 time such as 2026-11-21T18:00:00Z, a local time such as 18:30, or a delay such as +10m");
    }

    [GeneratedRegex(@"^\+(\d+(?:\.\d+)?)([smhd])$")]
    private static partial Regex DelayPattern();

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$")]
    private static partial Regex HasOffset();
}
