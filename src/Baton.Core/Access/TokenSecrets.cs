using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Core.Access;

/// <summary>
/// The secret half of an API token: <c>baton_</c> and 40 random base62 characters (about 238 bits). Only its
/// SHA-256 is stored. A salt or a slow hash would add nothing: the secret is random and long, not a password.
/// </summary>
public static class TokenSecrets
{
    /// <summary>What every token starts with, so that secret scanners and people recognise one.</summary>
    public const string Prefix = "baton_";

    /// <summary>Random characters after the prefix.</summary>
    public const int RandomLength = 40;

    /// <summary>The whole token's length.</summary>
    public const int Length = 46;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);

    /// <summary>A new token from the operating system's cryptographic random source.</summary>
    public static string Generate() => Prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>True if <paramref name="text"/> has the shape of a token; anything else cannot be one.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length }
        && text.StartsWith(Prefix, StringComparison.Ordinal)
        && !text.AsSpan(Prefix.Length).ContainsAnyExcept(AlphabetChars);

    /// <summary>The stored form: SHA-256 of the UTF-8 token, as 64 lower-case hex digits.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two stored forms in time that does not depend on where they differ.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
