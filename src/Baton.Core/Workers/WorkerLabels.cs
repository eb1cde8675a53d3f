using System.Text.RegularExpressions;
using Baton.Core.Errors;

namespace Baton.Core.Workers;

/// <summary>
/// Labels of workers and the labels a task requires: <c>key</c> or <c>key=value</c>. A required <c>key</c> is met by a
/// worker label <c>key</c> or <c>key=anything</c>; a required <c>key=value</c> only by that exact label. The store
/// matches exact strings: a worker claims with its labels <see cref="Offered"/>, which adds each valued label's key.
/// </summary>
public static partial class WorkerLabels
{
    /// <summary>The longest label, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The most labels of a worker or a task.</summary>
    public const int MaxCount = 20;

    /// <summary>What a label looks like, for messages.</summary>
    public const string Format = "key or key=value: a key of letters, digits, '.', '_', '-' or '/', a value without spaces or commas";

    /// <summary>Throws invalid input for the first label that is empty, too long or badly formed; <paramref name="what"/> names them in the message.</summary>
    public static void Validate(IReadOnlyList<string> labels, string what)
    {
        if (labels.Count > MaxCount)
        {
            throw BatonException.Invalid($"{what} has {labels.Count} labels; the limit is {MaxCount}");
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                throw BatonException.Invalid($"{what} has an empty label; write {Format}");
            }

            if (label.Length > MaxLength)
            {
                throw BatonException.Invalid($"{what} has a label of {label.Length} characters; the limit is {MaxLength}");
            }

            if (!Label().IsMatch(label))
            {
                throw BatonException.Invalid($"{what} label '{label}' is not valid; write {Format}");
            }
        }
    }

    /// <summary>Sorted, without repeats: how labels are kept and shown.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> labels) => [.. labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>What a worker with <paramref name="labels"/> offers to a claim: each label, and the key of each <c>key=value</c>.</summary>
    public static IReadOnlyList<string> Offered(IEnumerable<string> labels) =>
        Normalize(labels.SelectMany(l => l.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? [l, l[..at]] : new[] { l }));

    /// <summary>The labels of <paramref name="required"/> that a worker with <paramref name="labels"/> lacks (empty when it may run the task).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> required, IEnumerable<string> labels)
    {
        if (required.Count == 0)
        {
            return [];
        }

        var offered = Offered(labels).ToHashSet(StringComparer.Ordinal);
        return [.. required.Where(r => !offered.Contains(r))];
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]*(=[^\s,]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
