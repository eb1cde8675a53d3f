using System.Globalization;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Webhooks;

namespace Baton.Core.Application.Listing;

/// <summary>
/// Reads the task list filters the same way for every front end: several statuses, an agent, an owner, a time window
/// (absolute or back from now) and a name search, each refused with a message that says what is accepted.
/// </summary>
public static class TaskListFilters
{
    /// <summary>The longest agent, owner or search text accepted.</summary>
    public const int MaxTextLength = 200;

    /// <summary>What a time filter accepts, for messages and help.</summary>
    public const string TimeForms = "an ISO-8601 time (2026-12-06T09:30:00Z) or a duration back from now (90s, 30m, 24h, 7d)";

    /// <summary><paramref name="query"/> with the filters added; throws <see cref="TaskFilterException"/> for a value it cannot read.</summary>
    public static TaskQuery Apply(TaskQuery query, TaskListFilter filter, DateTimeOffset now)
    {
        var from = Time(filter.Since, "since", now);
        var before = Time(filter.Until, "until", now);
        if (from is not null && before is not null && from >= before)
        {
            throw new TaskFilterException("until", $"until ({before:O}) must be later than since ({from:O})");
        }

        return query with
        {
            AnyStatus = Statuses(filter.Status),
            AgentName = Text(filter.Agent, "agent"),
            CreatedBy = Text(filter.Owner, "owner"),
            CreatedFrom = from,
            CreatedBefore = before,
            NameContains = Text(filter.Search, "q"),
        };
    }

    /// <summary>Comma-separated status names, each one of <see cref="TaskStates.AllNames"/>; none for null.</summary>
    public static IReadOnlyList<TaskState> Statuses(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var states = new List<TaskState>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TaskStates.TryParse(name, out var state))
            {
                throw new TaskFilterException("status",
                    $"status '{Shorten(name)}' is not one of {string.Join(", ", TaskStates.AllNames)} (several may be given, comma-separated)");
            }

            if (!states.Contains(state))
            {
                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>An absolute ISO-8601 time, or a duration back from <paramref name="now"/>; null for null.</summary>
    public static DateTimeOffset? Time(string? text, string field, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text) is { } back)
        {
            return now - back;
        }

        // A time without an offset is UTC, as everywhere on Baton's wire.
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && text.Contains('-', StringComparison.Ordinal)
            ? time
            : throw new TaskFilterException(field, $"{field} '{Shorten(text)}' is not a time: give {TimeForms}");
    }

    private static string? Text(string? text, string field) => text switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(text) => throw new TaskFilterException(field, $"{field} is empty; leave it out or give a value"),
        { Length: > MaxTextLength } => throw new TaskFilterException(field, $"{field} is longer than {MaxTextLength} characters"),
        _ => text.Trim(),
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
