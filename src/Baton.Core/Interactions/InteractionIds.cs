namespace Baton.Core.Interactions;

/// <summary>
/// Interaction ids: <c>in_</c> and twelve characters shaped like a task id, so that one is never mistaken for the
/// other where both are accepted.
/// </summary>
public static class InteractionIds
{
    /// <summary>The prefix every interaction id starts with.</summary>
    public const string Prefix = "in_";

    /// <summary>What an id looks like, for error messages.</summary>
    public const string Shape = "interaction ids are 'in_' and 12 characters, as 'baton inbox' prints them";

    /// <summary>A new id.</summary>
    public static string New() => Prefix + Tasks.TaskIds.New();

    /// <summary>Whether <paramref name="text"/> has an interaction id's shape.</summary>
    public static bool LooksLikeId(string? text) =>
        text is { } t && t.Length == Prefix.Length + Tasks.TaskIds.Length
        && t.StartsWith(Prefix, StringComparison.Ordinal) && Tasks.TaskIds.LooksLikeIdOrPrefix(t[Prefix.Length..]);
}
