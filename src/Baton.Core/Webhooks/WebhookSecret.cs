using System.Security.Cryptography;

namespace Baton.Core.Webhooks;

/// <summary>
/// An endpoint's signing secret in the Standard Webhooks form: <c>whsec_</c> and the base64 of 24 random bytes. The
/// HMAC key is the decoded bytes, not the text, so any Standard Webhooks library verifies with the secret as shown.
/// </summary>
public static class WebhookSecret
{
    /// <summary>What every secret starts with.</summary>
    public const string Prefix = "whsec_";

    private const int KeyBytes = 24;

    /// <summary>A new secret from the operating system's cryptographic random source.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key of <paramref name="secret"/>: the base64-decoded part after the prefix.</summary>
    public static byte[] KeyOf(string secret)
    {
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }
}
