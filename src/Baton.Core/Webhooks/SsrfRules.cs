using System.Net;
using System.Net.Sockets;
using Baton.Core.Errors;

namespace Baton.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to. Cloud metadata services (link-local 169.254.0.0/16 and fe80::/10, and
/// the well-known ones outside it: Alibaba's 100.100.100.200, Azure's 168.63.129.16, Oracle's 192.0.0.192, AWS's
/// fd00:ec2::254, Google's fd20:ce::254) are always refused, as are unspecified, multicast and broadcast addresses:
/// they hand out credentials or reach no single host. Private and loopback addresses are allowed unless
/// <c>webhooks.allow_private</c> is false. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
/// </summary>
public static class SsrfRules
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("100.100.100.200"),
        IPAddress.Parse("168.63.129.16"),
        IPAddress.Parse("192.0.0.192"),
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("fd20:ce::254"),
    ];

    /// <summary>
    /// Why <paramref name="address"/> is refused, as the end of a sentence that names it ("it is a link-local
    /// address"), or null if a webhook may go there.
    /// </summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IsLinkLocal(address))
        {
            return "it is a link-local address, where clouds serve instance metadata and credentials";
        }

        if (MetadataAddresses.Contains(address))
        {
            return "it is a cloud provider's instance metadata address";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)
            || IsMulticast(address) || IsInV4(address, 0, 8))
        {
            return "it is not the address of a single host";
        }

        if (!allowPrivate && (IPAddress.IsLoopback(address) || IsPrivate(address)))
        {
            return "it is a private or loopback address and webhooks.allow_private is false";
        }

        return null;
    }

    /// <summary>The sentence that refuses <paramref name="address"/>, or null if a webhook may go there.</summary>
    public static string? Explain(IPAddress address, bool allowPrivate) =>
        Refusal(address, allowPrivate) is { } reason ? $"webhooks cannot be sent to {Show(address)}: {reason}" : null;

    /// <summary>The longest webhook URL accepted, in characters.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>
    /// Checks a webhook URL as given (scheme, and the host if it is an address; names are checked when resolved at
    /// delivery). Throws invalid input naming <paramref name="field"/>.
    /// </summary>
    public static Uri CheckUrl(string? url, bool allowPrivate, string field)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw BatonException.Invalid($"{field} must be an absolute http or https URL of at most {MaxUrlLength} characters, like https://example.com/hooks/baton");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw BatonException.Invalid($"{field}: '{uri.Scheme}' URLs are not allowed; use http or https");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw BatonException.Invalid($"{field}: credentials in the URL are not allowed; the receiver verifies the webhook-signature header instead");
        }

        if (IPAddress.TryParse(uri.IdnHost, out var address) && Explain(address, allowPrivate) is { } sentence)
        {
            throw BatonException.Invalid($"{field}: {sentence}");
        }

        return uri;
    }

    private static string Show(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

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
