using System.Security.Cryptography;

namespace Baton.Core.Browser;

/// <summary>Ids of browser sessions: <c>ses_</c> and 12 random base32 characters. Not secret; they name a session in logs.</summary>
public static class BrowserSessionIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new random id.</summary>
    public static string New() => "ses_" + RandomNumberGenerator.GetString(Alphabet, 12);
}
