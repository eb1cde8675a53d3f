using System.Net;
using System.Net.Sockets;
using Baton.Core.Access;

namespace Baton.Core.Tests.Access;

public sealed class LoopbackPeersTests
{
    private const string Header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    [Fact]
    public void FindOwner_Ipv4Line_UidOfTheClientsSocket()
    {
        // 127.0.0.1:51000 → 127.0.0.1:9090 owned by 1001, and the server's own end (owned by 0) listed too.
        string[] lines =
        [
            Header,
            "   0: 0100007F:2382 0100007F:C738 01 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 20 4 30 10 -1",
            "   1: 0100007F:C738 0100007F:2382 01 00000000:00000000 00:00000000 00000000  1001        0 2222 1 0 20 4 30 10 -1",
        ];

        var uid = LoopbackPeers.FindOwner(lines, new IPEndPoint(IPAddress.Loopback, 51000), new IPEndPoint(IPAddress.Loopback, 9090));

        Assert.Equal(1001, uid);
    }

    [Fact]
    public void FindOwner_Ipv6AndMappedAddresses_Matched()
    {
        string[] lines =
        [
            Header,
            "   0: 00000000000000000000000001000000:C738 00000000000000000000000001000000:2382 01 00000000:00000000 00:00000000 00000000  1002        0 3333 1",
            "   1: 0000000000000000FFFF00000100007F:C739 0000000000000000FFFF00000100007F:2382 01 00000000:00000000 00:00000000 00000000  1003        0 4444 1",
        ];

        Assert.Equal(1002, LoopbackPeers.FindOwner(lines, new IPEndPoint(IPAddress.IPv6Loopback, 51000), new IPEndPoint(IPAddress.IPv6Loopback, 9090)));
        Assert.Equal(1003, LoopbackPeers.FindOwner(lines, new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 51001), new IPEndPoint(IPAddress.Loopback, 9090)));
        Assert.Null(LoopbackPeers.FindOwner(lines, new IPEndPoint(IPAddress.Loopback, 51002), new IPEndPoint(IPAddress.Loopback, 9090)));
    }

    [Fact]
    public async Task FindOwner_RealConnection_ThisProcessesUid()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();

        var uid = LoopbackPeers.FindOwner((IPEndPoint)accepted.Client.RemoteEndPoint!, (IPEndPoint)accepted.Client.LocalEndPoint!);

        Assert.Equal(LocalUsers.CurrentUid, uid);
    }
}
