using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Baton.Core.Application;

namespace Baton.Daemon;

/// <summary>A front end's line to the daemon: is it alive, and wake it after changing the store.</summary>
internal sealed class DaemonClient(string socketPath) : IWorkNotifier
{
    /// <summary>The daemon's pid if one answers on the socket, else null.</summary>
    public async Task<int?> PingAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(WakeProtocol.Ping, cancellationToken);
        return reply is not null && reply.StartsWith(WakeProtocol.OkPrefix, StringComparison.Ordinal)
            && int.TryParse(reply[WakeProtocol.OkPrefix.Length..], CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    /// <inheritdoc />
    public async Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default) =>
        await TryNotifyAsync(change, cancellationToken);

    /// <summary>Wakes the daemon for <paramref name="change"/>; false if no daemon answered.</summary>
    public async Task<bool> TryNotifyAsync(WorkChange change, CancellationToken cancellationToken = default) =>
        await SendAsync(change is WorkChange.CancelRequested or WorkChange.Attention ? WakeProtocol.Attention : WakeProtocol.Wake, cancellationToken) is not null;

    private async Task<string?> SendAsync(string message, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            await using var stream = new NetworkStream(socket);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(message + "\n"), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No daemon (or a dead one's socket file): it reads the queue when it starts.
            return null;
        }
    }
}
