using System.Globalization;

namespace Baton.Core.Webhooks;

/// <summary>Durations as configuration writes them: a whole number and a unit, like <c>0s</c>, <c>500ms</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>.</summary>
public static class DurationText
{
    /// <summary>The duration, or null if <paramref name="text"/> is not one.</summary>
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && char.IsAsciiDigit(trimmed[split]))
        {
            split++;
        }

        if (split == 0 || !long.TryParse(trimmed.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 1_000_000)
        {
            return null;
        }

        return trimmed[split..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            "d" => TimeSpan.FromDays(number),
            _ => null,
        };
    }
}
