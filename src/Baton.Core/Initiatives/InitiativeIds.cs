using Baton.Core.Tasks;

namespace Baton.Core.Initiatives;

/// <summary>
/// Initiative ids: <c>ini_</c> and twelve characters shaped like a task id, so that one is never mistaken for a
/// task or workflow id where several are accepted.
/// </summary>
public static class InitiativeIds
{
    /// <summary>The prefix every initiative id starts with.</summary>
    public const string Prefix = "ini_";

    /// <summary>What an id looks like, for error messages.</summary>
    public const string Shape = "initiative ids are 'ini_' and 12 characters, as 'baton initiative list' prints them (the name works too)";

    /// <summary>A new id.</summary>
    public static string New() => Prefix + TaskIds.New();

    /// <summary>Whether <paramref name="text"/> has an initiative id's shape.</summary>
    public static bool LooksLikeId(string? text) =>
        text is { } t && t.Length == Prefix.Length + TaskIds.Length
        && t.StartsWith(Prefix, StringComparison.Ordinal) && TaskIds.LooksLikeIdOrPrefix(t[Prefix.Length..]);
}
