namespace Baton.Core.Text;

/// <summary>
/// Picks the known names closest to a mistyped one, for "unknown agent 'revewer'; did you mean: code-reviewer?" and
/// "unknown option '--priorty'; did you mean '--priority'?".
/// A name is close when the whole name is a few edits away, when the typed text is part of it ("review" in
/// "code-reviewer"), or when the typed text is a few edits from a part of it ("revewer" from "reviewer").
/// </summary>
public static class NameSuggester
{
    /// <summary>At most <paramref name="max"/> of <paramref name="names"/> close to <paramref name="typed"/>, closest first.</summary>
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> names, int max)
    {
        var query = typed.Trim().ToLowerInvariant();
        if (query.Length == 0 || max <= 0)
        {
            return [];
        }

        // Roughly one typo per three characters, as compilers and git do for their suggestions.
        var allowed = query.Length <= 3 ? 1 : query.Length <= 6 ? 2 : 3;
        return [.. names
            .Select(name => (Name: name, Candidate: name.ToLowerInvariant()))
            .Select(n => (n.Name, Whole: EditDistance.Between(query, n.Candidate), Part: EditDistance.ToSubstring(query, n.Candidate)))
            .Where(n => n.Whole <= allowed || (n.Part == 0 && query.Length >= 2) || (n.Part < allowed && query.Length >= 4))
            .OrderBy(n => Math.Min(n.Whole, n.Part))
            .ThenBy(n => n.Whole)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(n => n.Name)];
    }
}
