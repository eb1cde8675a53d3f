namespace Baton.Core.Text;

/// <summary>Levenshtein distances (insertions, deletions and substitutions each cost 1).</summary>
public static class EditDistance
{
    /// <summary>The edit distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Between(string a, string b) => Compute(a, b, freeEnds: false);

    /// <summary>
    /// The smallest edit distance between <paramref name="pattern"/> and any substring of <paramref name="text"/>:
    /// "revewer" is 1 from "code-reviewer" because it is 1 from its part "reviewer".
    /// </summary>
    public static int ToSubstring(string pattern, string text) => Compute(pattern, text, freeEnds: true);

    // Rows run over text; with free ends, skipping a prefix of text costs nothing (row 0 is all zeros) and so does
    // skipping a suffix (the answer is the minimum of the last row instead of its last cell).
    private static int Compute(string pattern, string text, bool freeEnds)
    {
        var previous = new int[text.Length + 1];
        var current = new int[text.Length + 1];
        for (var j = 0; j <= text.Length; j++)
        {
            previous[j] = freeEnds ? 0 : j;
        }

        for (var i = 1; i <= pattern.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= text.Length; j++)
            {
                var substitution = previous[j - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return freeEnds ? previous.Min() : previous[text.Length];
    }
}
