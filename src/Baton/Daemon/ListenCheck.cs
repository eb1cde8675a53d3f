using System.Net;
using System.Net.Sockets;
using Baton.Core.Errors;

namespace Baton.Daemon;

/// <summary>
/// Checks, before the daemon starts anything, that it can listen where it was told to: a port held by another
/// program (often another daemon with another BATON_HOME) is then one clear line instead of a half-started daemon.
/// </summary>
internal static class ListenCheck
{
    public static void EnsureFree(IReadOnlyList<string> urls)
    {
        foreach (var url in urls)
        {
            var uri = new Uri(url);
            if (uri.Port == 0)
            {
                continue;
            }

            // Host names other than localhost are left to Kestrel, which reports them in the same way.
            var address = uri.Host == "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
                : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
                : null;
            if (address is null)
            {
                continue;
            }

            try
            {
                var probe = new TcpListener(address, uri.Port);
                probe.Start();
                probe.Stop();
            }
            catch (SocketException ex)
            {
                var why = ex.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => "the port is in use by another program (another Baton daemon with another BATON_HOME?)",
                    SocketError.AccessDenied => "this user may not listen on that port",
                    SocketError.AddressNotAvailable => "this machine has no such address",
                    _ => ex.Message,
                };
                throw new BatonException(ErrorKind.Unavailable, $"cannot serve on {url}: {why}; choose another address with BATON_URLS or \"urls\" in baton.json", ex);
            }
        }
    }
}
