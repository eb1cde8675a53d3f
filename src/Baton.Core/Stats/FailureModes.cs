using Baton.Core.Storage;

namespace Baton.Core.Stats;

/// <summary>Folds the store's groups of identical errors into kinds, largest first.</summary>
public static class FailureModes
{
    /// <summary>The longest example error shown.</summary>
    public const int ExampleLength = 200;

    /// <summary>The kinds of <paramref name="groups"/>, by count (then kind), at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<FailureMode> Of(IEnumerable<TaskFailureGroup> groups, int limit) =>
        [.. groups
            .GroupBy(g => FailureKinds.Classify(g.Status, g.Error), StringComparer.Ordinal)
            .Select(kind =>
            {
                // The example comes from the kind's largest group of identical errors, the most typical of them.
                var largest = kind.OrderByDescending(g => g.Count).ThenBy(g => g.ExampleTaskId, StringComparer.Ordinal).First();
                return new FailureMode(kind.Key, kind.Sum(g => g.Count), largest.ExampleTaskId, Shorten(largest.Error));
            })
            .OrderByDescending(m => m.Count).ThenBy(m => m.Kind, StringComparer.Ordinal)
            .Take(limit)];

    private static string? Shorten(string? error)
    {
        if (error is null)
        {
            return null;
        }

        var line = error.Trim().Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= ExampleLength ? line : string.Concat(line.AsSpan(0, ExampleLength - 1), "…");
    }
}
