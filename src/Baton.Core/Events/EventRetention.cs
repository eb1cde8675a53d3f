using System.Text.Json;
using Baton.Core.Errors;

namespace Baton.Core.Events;

/// <summary>How long the event log (and the notifications and finished webhook deliveries that hang off it) is kept.</summary>
public static class EventRetention
{
    /// <summary>Days kept unless baton.json's <c>events.retention_days</c> says otherwise.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest retention accepted (100 years: "keep everything").</summary>
    public const int MaxDays = 36_500;

    /// <summary>The retention in days from baton.json's <c>events</c> object (null: the default).</summary>
    /// <param name="events">The value of "events".</param>
    /// <param name="source">Where it came from, for messages (the file's path).</param>
    public static int ParseDays(JsonElement? events, string source)
    {
        if (events is not { } settings)
        {
            return DefaultDays;
        }

        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{source}: \"events\" must be an object, e.g. {{\"retention_days\": {DefaultDays}}}");
        }

        if (!settings.TryGetProperty("retention_days", out var days) || days.ValueKind == JsonValueKind.Null)
        {
            return DefaultDays;
        }

        return days.ValueKind == JsonValueKind.Number && days.TryGetInt32(out var value) && value is >= 1 and <= MaxDays
            ? value
            : throw BatonException.Invalid(
                $"{source}: \"events.retention_days\" must be a whole number of days from 1 to {MaxDays} (got {days.GetRawText()}); events, notifications and finished webhook deliveries older than that are deleted (default {DefaultDays})");
    }
}
