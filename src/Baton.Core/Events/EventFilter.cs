namespace Baton.Core.Events;

/// <summary>
/// Which events a reader wants. A type pattern is an exact type (<c>task.completed</c>) or a family
/// (<c>task.*</c>); an empty list means every type.
/// </summary>
public sealed record EventFilter(string? TaskId = null, string? WorkflowId = null, IReadOnlyList<string>? Types = null)
{
    /// <summary>Every event.</summary>
    public static EventFilter All { get; } = new();

    /// <summary>True if it leaves no event out.</summary>
    public bool TakesEverything => TaskId is null && WorkflowId is null && Types is null;

    /// <summary>True if <paramref name="record"/> passes the filter.</summary>
    public bool Matches(EventRecord record) =>
        (TaskId is null || record.TaskId == TaskId)
        && (WorkflowId is null || record.WorkflowId == WorkflowId)
        && (Types is null || Types.Count == 0 || Types.Any(pattern => TypeMatches(pattern, record.Type)));

    private static bool TypeMatches(string pattern, string type) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, type, StringComparison.Ordinal);

    /// <summary>
    /// Parses a comma-separated list of type patterns; null for an empty list. Throws a validation error naming
    /// an unknown type and the known ones.
    /// </summary>
    public static IReadOnlyList<string>? ParseTypes(string? list, string field)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        var types = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var type in types)
        {
            var known = type.EndsWith(".*", StringComparison.Ordinal)
                ? EventTypes.All.Any(t => t.StartsWith(type[..^1], StringComparison.Ordinal))
                : EventTypes.All.Contains(type, StringComparer.Ordinal);
            if (!known)
            {
                throw new Errors.BatonException(
                    Errors.ErrorKind.InvalidInput,
                    $"{field}: '{type}' is not an event type; use one of {string.Join(", ", EventTypes.All)}, or a family such as task.*");
            }
        }

        return types;
    }
}
