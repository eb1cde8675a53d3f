using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Core.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with
/// the secret's decoded bytes. While a rotation overlaps, one signature per secret, separated by spaces.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The one signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.KeyOf(secret), content));
    }

    /// <summary>The webhook-signature header: a signature for each secret, in order, separated by spaces.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, id, timestamp, body)));
}
