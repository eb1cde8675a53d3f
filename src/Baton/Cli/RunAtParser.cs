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
    /// <summary>How far ahead a task may be put off; beyond it a time is almost surely a slip of the keyboard.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(100 * 365);

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
            var seconds = amount * delay.Groups[2].Value switch { "s" => 1, "m" => 60, "h" => 3600, _ => 86400 };
            // Compared as a number first: a TimeSpan of 99999999 days does not exist.
            return seconds <= Horizon.TotalSeconds ? now + TimeSpan.FromSeconds(seconds) : throw TooFar(text);
        }

        if (HasOffset().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset - now <= Horizon ? withOffset : throw TooFar(text);
        }

        var zone = time.LocalTimeZone;
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return local - now.UtcDateTime <= Horizon ? new DateTimeOffset(local, zone.GetUtcOffset(local)) : throw TooFar(text);
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

    private static BatonException TooFar(string text) =>
        BatonException.Invalid($"--run-at '{text}' is more than 100 years away; give a time within the next 100 years, e.g. +10m, +2d or 2030-01-01T09:00:00Z");

    [GeneratedRegex(@"^\+(\d+(?:\.\d+)?)([smhd])$")]
    private static partial Regex DelayPattern();

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$")]
    private static partial Regex HasOffset();
}
