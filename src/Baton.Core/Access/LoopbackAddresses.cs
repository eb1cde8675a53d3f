using System.Net;

namespace Baton.Core.Access;

/// <summary>
/// Tells addresses that only this machine can reach (127.0.0.0/8, ::1, localhost) from the rest. An address that
/// cannot be read, a wildcard (0.0.0.0, [::], *) or any other host name counts as reachable from elsewhere:
/// Kestrel binds host names other than localhost to every interface.
/// </summary>
public static class LoopbackAddresses
{
    /// <summary>True if a server listening on <paramref name="url"/> is reachable only from this machine.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>The addresses among <paramref name="urls"/> that are reachable from other machines.</summary>
    public static IReadOnlyList<string> Exposed(IEnumerable<string> urls) => [.. urls.Where(u => !IsLoopback(u))];
}
