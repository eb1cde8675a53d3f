using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Access;

namespace Baton.Core.Browser;

/// <summary>
/// The secrets a browser holds: a session's (in the <c>baton_session</c> cookie) and a one-time sign-in code's (in
/// the link <c>baton dashboard</c> opens). Random base62 from the operating system's source; only their SHA-256 is
/// stored, as for API tokens. A session's CSRF token is derived from its secret, so nothing more is stored and
/// every node computes the same one.
/// </summary>
public static class BrowserSecrets
{
    /// <summary>Random characters in a session's secret (about 256 bits).</summary>
    public const int SessionLength = 43;

    /// <summary>Random characters in a one-time code (about 190 bits).</summary>
    public const int CodeLength = 32;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);

    /// <summary>A new session secret.</summary>
    public static string NewSession() => RandomNumberGenerator.GetString(Alphabet, SessionLength);

    /// <summary>A new one-time code.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);

    /// <summary>True if <paramref name="text"/> has the shape of a secret of <paramref name="length"/> characters.</summary>
    public static bool IsWellFormed(string? text, int length) => text is not null && text.Length == length && !text.AsSpan().ContainsAnyExcept(AlphabetChars);

    /// <summary>The stored form: SHA-256 as 64 lower-case hex digits, as for API tokens.</summary>
    public static string Hash(string secret) => TokenSecrets.Hash(secret);

    /// <summary>
    /// The session's CSRF token: SHA-256 of the secret under a label of its own, so it differs from the stored hash
    /// and reveals nothing of the secret. The page reads it from <c>GET /api/v1/session</c> (a foreign page cannot)
    /// and sends it as <c>X-Baton-Csrf</c> on every write.
    /// </summary>
    public static string CsrfOf(string sessionSecret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("baton-csrf\n" + sessionSecret)));

    /// <summary>True if <paramref name="presented"/> is the session's CSRF token, compared in constant time.</summary>
    public static bool CsrfMatches(string sessionSecret, string? presented) =>
        presented is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CsrfOf(sessionSecret)), Encoding.ASCII.GetBytes(presented));
}
