using System.Net;
using System.Net.Sockets;
using Baton.Core.Webhooks;
using Baton.Webhooks;

namespace Baton.Tests.Webhooks;

public sealed class WebhookSenderTests
{
    [Fact]
    public async Task SendAsync_ToAClosedPort_SaysWhyOnceWithoutRepeatingItself()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var sender = new WebhookSender(new DnsHostResolver(), new WebhookOptions { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);

        var result = await sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hook"), "msg_1", 1, "v1,x", "{}");

        Assert.Null(result.StatusCode);
        Assert.NotNull(result.Error);
        var first = result.Error!.IndexOf("refused", StringComparison.OrdinalIgnoreCase);
        Assert.True(first >= 0, result.Error);
        Assert.True(result.Error.IndexOf("refused", first + 1, StringComparison.OrdinalIgnoreCase) < 0, result.Error);
    }
}
