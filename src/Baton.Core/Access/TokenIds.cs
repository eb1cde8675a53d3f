using System.Security.Cryptography;

namespace Baton.Core.Access;

/// <summary>Ids of API tokens: <c>tok_</c> and 12 random base32 characters. Not secret; they name a token in lists.</summary>
public static class TokenIds
{
    /// <summary>What every token id starts with (and no token name may).</summary>
    public const string Prefix = "tok_";

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new random id.</summary>
    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, 12);
}
