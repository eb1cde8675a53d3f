namespace Baton.Core.Text;

/// <summary>
/// Text as every store keeps it: without NUL characters, each replaced by U+FFFD. PostgreSQL refuses NUL in text
/// outright, and a program's output (a result, an error, an agent's words) may hold one; so that both stores keep
/// and show the same text, both replace it where they bind a parameter.
/// </summary>
public static class StoredText
{
    /// <summary><paramref name="text"/> with each NUL replaced by U+FFFD (the same string when it has none).</summary>
    public static string? Of(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace('\0', '\uFFFD');
}
