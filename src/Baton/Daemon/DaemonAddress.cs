using Baton.Configuration;
using Baton.Core.Errors;

namespace Baton.Daemon;

/// <summary>
/// Where the running daemon serves HTTP, as a browser on this machine reaches it: the first address daemon.json
/// records (with the real port when port 0 was asked for), a wildcard address reached through 127.0.0.1.
/// </summary>
internal static class DaemonAddress
{
    /// <summary>
    /// The base URL (<c>http://127.0.0.1:9090</c>, no trailing slash) of the daemon <paramref name="pid"/>, waiting a
    /// moment for a daemon that just started to record it.
    /// </summary>
    public static async Task<string> HttpBaseAsync(BatonSettings settings, int pid, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var begun = time.GetTimestamp();
        while (true)
        {
            if (DaemonLock.ReadInfo(settings) is { Urls: [var first, ..] } info && info.Pid == pid && Uri.TryCreate(first, UriKind.Absolute, out var uri))
            {
                var host = uri.Host.Trim('[', ']') is "0.0.0.0" or "::" or "*" or "+" ? "127.0.0.1" : uri.Host;
                return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority);
            }

            if (time.GetElapsedTime(begun) > TimeSpan.FromSeconds(5))
            {
                throw new BatonException(ErrorKind.Unavailable,
                    $"the Baton daemon (pid {pid}) has not recorded its HTTP address in {settings.DaemonInfoPath}; see {settings.DaemonLogPath}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
