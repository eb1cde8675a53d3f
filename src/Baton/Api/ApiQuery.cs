using System.Globalization;
using Baton.Core.Application;
using Baton.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>Query parameters, read by hand so that a bad value gets a message naming the parameter.</summary>
internal static class ApiQuery
{
    /// <summary>An integer parameter: 400 if it is not one, 422 outside <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static int? Integer(string? text, string name, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ApiInputException($"{name} must be an integer (got '{Shorten(text)}')", name);
        }

        return value >= min && value <= max
            ? value
            : throw new ApiInputException($"{name} must be between {min} and {max} (got {value})", name, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>A statistics window (a duration such as 24h or 30d, up to the longest the statistics keep); 7 days if absent.</summary>
    public static TimeSpan StatsWindow(string? text, string name) =>
        text is null ? TimeSpan.FromDays(7)
        : DurationText.TryParse(text) is { } parsed && parsed > TimeSpan.Zero && parsed <= StatsService.MaxWindow ? parsed
        : throw new ApiInputException($"{name} '{Shorten(text)}' is not a duration from 1s to 366d, such as 24h, 7d or 30d", name);

    /// <summary>A boolean parameter: true, false, 1 or 0.</summary>
    public static bool Flag(string? text, string name) => text switch
    {
        null or "false" or "0" => false,
        "" or "true" or "1" => true,
        _ => throw new ApiInputException($"{name} must be true or false (got '{Shorten(text)}')", name),
    };

    /// <summary>A value that must be one of <paramref name="allowed"/> (422 listing them otherwise).</summary>
    public static T? OneOf<T>(string? text, string name, IReadOnlyList<string> allowed, TryParse<T> parse)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        return parse(text, out var value)
            ? value
            : throw new ApiInputException($"{name} '{Shorten(text)}' is not one of {string.Join(", ", allowed)}", name, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>A TryParse method of the domain's wire names.</summary>
    public delegate bool TryParse<T>(string? text, out T value);

    /// <summary>Long values are cut in messages.</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
