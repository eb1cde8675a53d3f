using System.Net;
using System.Net.NetworkInformation;
using Baton.Configuration;
using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// Protection against DNS rebinding and cross-site requests, for every route. A web page that gets a browser to
/// call the daemon through a name that resolves to this machine sends that name in Host, and its own origin in
/// Origin. Only the daemon's own addresses pass, port included: loopback names and addresses, the host names it
/// is configured to serve (for a wildcard address, this machine's name and its interfaces' addresses), each with a
/// port the daemon listens on; plus what baton.json lists in "allowed_hosts". A request without Origin (not from a
/// browser, or a top-level navigation) needs only a good Host.
/// </summary>
internal sealed class HostOriginCheck(IReadOnlySet<string> ownNames, AllowedHosts allowed, Func<IReadOnlyCollection<int>> ports)
{
    /// <summary>The check for a daemon with <paramref name="settings"/>, listening on what <paramref name="ports"/> returns.</summary>
    public static HostOriginCheck For(BatonSettings settings, Func<IReadOnlyCollection<int>> ports)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        foreach (var url in settings.Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var host = uri.Host.Trim('[', ']');
            if (host == "*" || host == "+" || (IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))))
            {
                names.Add(Dns.GetHostName());
                foreach (var local in NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses))
                {
                    names.Add(local.Address.ToString());
                }
            }
            else
            {
                names.Add(host);
            }
        }

        return new HostOriginCheck(names, AllowedHosts.Parse(settings.AllowedHosts), ports);
    }

    /// <summary>Null if the request may go on; otherwise why it may not, in words for the caller.</summary>
    public string? Check(HttpRequest request)
    {
        var host = request.Host;
        var port = host.Port ?? (request.IsHttps ? 443 : 80);
        if (!host.HasValue || !Allows(host.Host, port))
        {
            return $"the Host header '{Clip(host.Value)}' is not an address of this Baton daemon (it answers to {Own()}): "
                + "requests through other names are refused against DNS rebinding. To reach it through another name (a proxy, "
                + "an SSH tunnel), add that host:port to \"allowed_hosts\" in baton.json";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Allows(uri.Host, uri.Port)))
        {
            return $"web pages from '{Clip(origin)}' may not call this Baton daemon: only its own origin ({Own()}) may, against DNS "
                + "rebinding and cross-site requests. To allow another origin, add its host:port to \"allowed_hosts\" in baton.json";
        }

        return null;
    }

    private bool Allows(string host, int port)
    {
        var bare = host.Trim('[', ']');
        return (IsOwnName(bare) && ports().Contains(port)) || allowed.Allows(bare, port);
    }

    private bool IsOwnName(string host) =>
        ownNames.Contains(host)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    private string Own()
    {
        var port = ports().FirstOrDefault();
        return string.Join(", ", ownNames.Order(StringComparer.OrdinalIgnoreCase).Take(4).Select(n => $"{(n.Contains(':', StringComparison.Ordinal) ? $"[{n}]" : n)}:{port}"));
    }

    private static string Clip(string? text) => text is { Length: > 80 } ? text[..80] + "..." : text ?? string.Empty;
}
