using System.Globalization;
using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Events;

namespace Baton.Core.Hooks;

/// <summary>
/// Reads and checks baton.json's <c>hooks</c> list at start-up; a mistake fails the start with a message that names
/// the hook and the setting and says what to write instead.
/// </summary>
public static class HookDefinitions
{
    /// <summary>The longest timeout_seconds allowed (one hour).</summary>
    public const int MaxTimeoutSeconds = 3600;

    private static readonly string[] Keys = ["events", "command", "timeout_seconds"];

    /// <summary>The hooks in <paramref name="hooks"/> (null: none), in order.</summary>
    /// <param name="hooks">The value of "hooks".</param>
    /// <param name="source">Where it came from, for messages (the file's path).</param>
    public static IReadOnlyList<HookDefinition> Parse(JsonElement? hooks, string source)
    {
        if (hooks is not { } list)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw BatonException.Invalid(
                $"{source}: \"hooks\" must be a list, e.g. [{{\"events\": [\"task.completed\"], \"command\": \"notify-send \\\"$BATON_EVENT\\\"\"}}]");
        }

        var parsed = new List<HookDefinition>();
        foreach (var hook in list.EnumerateArray())
        {
            parsed.Add(ParseOne(hook, $"{source}: hooks[{parsed.Count}]", parsed.Count));
        }

        return parsed;
    }

    private static HookDefinition ParseOne(JsonElement hook, string at, int index)
    {
        if (hook.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{at} must be an object with \"events\" and \"command\"");
        }

        foreach (var property in hook.EnumerateObject())
        {
            if (!Keys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw BatonException.Invalid($"{at} has no setting \"{property.Name}\"; a hook takes {string.Join(", ", Keys)}");
            }
        }

        var command = hook.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(c.GetString())
            ? c.GetString()!
            : throw BatonException.Invalid($"{at}.command must be a shell command (run with /bin/sh -c), e.g. \"notify-send \\\"$BATON_EVENT\\\"\"");
        return new HookDefinition(index, Types(hook, at), command, Timeout(hook, at));
    }

    private static IReadOnlyList<string>? Types(JsonElement hook, string at)
    {
        if (!hook.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0
            || events.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
        {
            throw BatonException.Invalid($"{at}.events must be a non-empty list of event types, e.g. [\"task.completed\", \"task.failed\"], [\"task.*\"] or [\"*\"]");
        }

        var names = events.EnumerateArray().Select(e => e.GetString()!.Trim()).ToList();
        return names.Contains("*", StringComparer.Ordinal) ? null : EventFilter.ParseTypes(string.Join(',', names), $"{at}.events");
    }

    private static TimeSpan Timeout(JsonElement hook, string at)
    {
        if (!hook.TryGetProperty("timeout_seconds", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return HookDefinition.DefaultTimeout;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is > 0 and <= MaxTimeoutSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw BatonException.Invalid(
                $"{at}.timeout_seconds must be a number of seconds above 0 and at most {MaxTimeoutSeconds} (got {value.GetRawText()}); leave it out for {HookDefinition.DefaultTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
    }
}
