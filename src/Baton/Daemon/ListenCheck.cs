using System.Net;
using System.Net.Sockets;
using Baton.Core.Errors;

namespace Baton.Daemon;

/// <summary>
/// Checks, before the daemon starts anything, that it can listen where it was told to: a port held by another
/// program is then one clear line instead of a half-started daemon. A daemon started in the background by a command
/// (not by the user's own 'baton serve') whose port is held by another Baton daemon — the daemon of a second data
/// directory with the same configured port — takes a free port instead, and records it in daemon.json.
/// </summary>
internal static class ListenCheck
{
    /// <summary>
    /// The addresses to listen on: <paramref name="urls"/>, with a taken port replaced by 0 (a free one) where
    /// <paramref name="moveOffBaton"/> allows and a Baton daemon holds it. Each move is reported to <paramref name="moved"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureFreeAsync(
        IReadOnlyList<string> urls, bool moveOffBaton, Action<string> moved, CancellationToken cancellationToken = default)
    {
        var result = new List<string>();
        foreach (var url in urls)
        {
            var uri = new Uri(url);
            var problem = uri.Port == 0 ? null : Probe(uri);
            if (problem is null)
            {
                result.Add(url);
                continue;
            }

            var baton = problem == SocketError.AddressAlreadyInUse && await BatonPortProbe.IsBatonDaemonAsync(uri, cancellationToken);
            if (baton && moveOffBaton)
            {
                moved($"port {uri.Port} of {url} is held by another Baton daemon (another data directory); serving on a free port instead");
                result.Add($"{uri.Scheme}://{uri.Host}:0");
                continue;
            }

            var why = problem switch
            {
                SocketError.AddressAlreadyInUse when baton => "the port is in use by another Baton daemon (one with another BATON_HOME)",
                SocketError.AddressAlreadyInUse => "the port is in use by another program",
                SocketError.AccessDenied => "this user may not listen on that port",
                SocketError.AddressNotAvailable => "this machine has no such address",
                _ => $"the address cannot be used ({problem})",
            };
            throw new BatonException(ErrorKind.Unavailable, $"cannot serve on {url}: {why}; choose another address with BATON_URLS or \"urls\" in baton.json");
        }

        return result;
    }

    /// <summary>Null if the address can be listened on, else why not.</summary>
    private static SocketError? Probe(Uri uri)
    {
        // Host names other than localhost are left to Kestrel, which reports them in the same way.
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
            : null;
        if (address is null)
        {
            return null;
        }

        try
        {
            var probe = new TcpListener(address, uri.Port);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }
}
