using System.Security.Cryptography;

namespace Baton.Core.Shares;

/// <summary>Ids of share links: <c>shr_</c> and 12 random base32 characters. Not secret; they name a link to revoke it.</summary>
public static class ShareIds
{
    /// <summary>What every share id starts with.</summary>
    public const string Prefix = "shr_";

    /// <summary>The length of an id.</summary>
    public const int Length = 16;

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new random id.</summary>
    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, Length - Prefix.Length);

    /// <summary>True if <paramref name="text"/> has the shape of a share id.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.StartsWith(Prefix, StringComparison.Ordinal) && text.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
