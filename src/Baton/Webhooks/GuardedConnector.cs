using System.Net;
using System.Net.Sockets;
using Baton.Core.Webhooks;

namespace Baton.Webhooks;

/// <summary>
/// The HTTP handler's connect step: resolves the host itself, refuses the whole connection if ANY of its addresses is
/// forbidden by <see cref="SsrfRules"/> (a name that answers with a public and a metadata address is refused, so DNS
/// tricks cannot slip one through), then connects to the checked addresses only.
/// </summary>
internal sealed class GuardedConnector(IHostResolver resolver, bool allowPrivate)
{
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        foreach (var address in addresses)
        {
            if (SsrfRules.Explain(address, allowPrivate) is { } sentence)
            {
                // A name is named too: the address alone would not tell the user which URL led there.
                throw new WebhookRefusedException(IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out _) ? sentence : $"{sentence} ({endPoint.Host} resolves to it)");
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
