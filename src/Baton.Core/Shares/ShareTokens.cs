using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Core.Shares;

/// <summary>
/// The token in a share link: <c>ID.EXPIRES.SIGNATURE</c>, where EXPIRES is Unix seconds and SIGNATURE is
/// HMAC-SHA256 of <c>ID.EXPIRES</c> under the store's share key, in base64url. A node verifies it with the key
/// alone; the row (looked up by ID) says whether it was revoked. Nothing in it is secret but the signature.
/// </summary>
public static class ShareTokens
{
    /// <summary>The link's token for a share.</summary>
    public static string Sign(byte[] key, string id, DateTimeOffset expiresAt)
    {
        var payload = Payload(id, expiresAt.ToUnixTimeSeconds());
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>
    /// The share id and expiry a token carries, if its signature is right under <paramref name="key"/>; false for a
    /// token that is malformed or was not signed with this key.
    /// </summary>
    public static bool TryVerify(byte[] key, string? token, out string id, out DateTimeOffset expiresAt)
    {
        id = string.Empty;
        expiresAt = default;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || !ShareIds.IsWellFormed(parts[0])
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(Payload(parts[0], seconds)))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return false;
        }

        id = parts[0];
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string Payload(string id, long seconds) => id + "." + seconds.ToString(CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
