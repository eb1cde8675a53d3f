using System.Net;
using System.Net.Sockets;
using Baton.Core.Errors;

namespace Baton.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to. Link-local addresses (169.254.0.0/16, fe80::/10, and fd00:ec2::254,
/// where clouds serve instance metadata and credentials) are always refused, as are unspecified, multicast and
/// broadcast ones. Private and loopback addresses are allowed unless <c>webhooks.allow_private</c> is false.
/// IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
/// </summary>
public static class SsrfRules
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Why <paramref name="address"/> is refused, or null if a webhook may go there.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(AwsMetadataV6) || IsLinkLocal(address))
        {
            return $"{address} is a link-local address (cloud metadata lives there)";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)
            || IsMulticast(address) || IsInV4(address, 0, 8))
        {
            return $"{address} is not a unicast address";
        }

        if (!allowPrivate && (IPAddress.IsLoopback(address) || IsPrivate(address)))
        {
            return $"{address} is a private or loopback address and webhooks.allow_private is false";
        }

        return null;
    }

    /// <summary>
    /// Checks a webhook URL as given (scheme, and the host if it is an address; names are checked when resolved at
    /// delivery). Throws invalid input naming <paramref name="field"/>.
    /// </summary>
    public static Uri CheckUrl(string? url, bool allowPrivate, string field)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw BatonException.Invalid($"{field} must be an absolute http or https URL of at most 2048 characters, like https://example.com/hooks/baton");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw BatonException.Invalid($"{field}: '{uri.Scheme}' URLs are not allowed; use http or https");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw BatonException.Invalid($"{field}: credentials in the URL are not allowed; the receiver verifies the webhook-signature header instead");
        }

        if (IPAddress.TryParse(uri.IdnHost, out var address) && Refusal(address, allowPrivate) is { } reason)
        {
            throw BatonException.Invalid($"{field}: webhooks cannot be sent to {reason}");
        }

        return uri;
    }

    private static bool IsLinkLocal(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6LinkLocal : IsInV4(address, 0xA9FE0000, 16);

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6Multicast : IsInV4(address, 0xE0000000, 4) || IsInV4(address, 0xF0000000, 4);

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // fc00::/7, unique local; site-local fec0::/10 is deprecated but private all the same.
            var first = address.GetAddressBytes()[0];
            return (first & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
        }

        return IsInV4(address, 0x0A000000, 8) || IsInV4(address, 0xAC100000, 12) || IsInV4(address, 0xC0A80000, 16) || IsInV4(address, 0x64400000, 10);
    }

    private static bool IsInV4(IPAddress address, uint network, int prefix)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (value & mask) == (network & mask);
    }
}
