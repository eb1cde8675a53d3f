namespace Baton.Core.Text;

/// <summary>A number with its noun, in the singular only for one: "1 task", "3 tasks".</summary>
public static class Counts
{
    /// <summary>The count and the noun, plural unless the count is one.</summary>
    public static string Of(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
