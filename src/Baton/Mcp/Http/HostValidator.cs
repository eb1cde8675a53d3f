using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Http;

namespace Baton.Mcp.Http;

/// <summary>
/// Protection against DNS rebinding: a web page that gets a browser to call /mcp through a host name that resolves
/// to this machine sends that name in Host (and its own in Origin). Only loopback names and addresses pass, plus —
/// when the daemon is bound to another address — the host names it is configured with (for a wildcard address, this
/// machine's name and its interfaces' addresses). A request without Origin (not from a browser) needs only a good Host.
/// </summary>
internal sealed class HostValidator(IReadOnlySet<string> configuredHosts)
{
    /// <summary>The validator for a daemon serving <paramref name="urls"/>.</summary>
    public static HostValidator For(IEnumerable<string> urls)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var host = uri.Host.Trim('[', ']');
            if (IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
            {
                hosts.Add(Dns.GetHostName());
                foreach (var local in NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses))
                {
                    hosts.Add(local.Address.ToString());
                }
            }
            else
            {
                hosts.Add(host);
            }
        }

        return new HostValidator(hosts);
    }

    /// <summary>Null if the request may go on; otherwise why it may not.</summary>
    public string? Check(HttpRequest request)
    {
        if (!request.Host.HasValue || !Allows(request.Host.Host))
        {
            return $"Forbidden: host '{Clip(request.Host.Value)}' is not one this server answers to (DNS rebinding protection)";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Allows(uri.Host)))
        {
            return $"Forbidden: origin '{Clip(origin)}' may not call this server (DNS rebinding protection)";
        }

        return null;
    }

    private bool Allows(string host)
    {
        var bare = host.Trim('[', ']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            || configuredHosts.Contains(bare);
    }

    private static string Clip(string? text) => text is { Length: > 80 } ? text[..80] + "..." : text ?? string.Empty;
}
