using Baton.Core.Access;

namespace Baton.Core.Tests.Access;

public sealed class LoopbackAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9090")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://127.1.2.3:9090")]
    [InlineData("https://127.255.255.254")]
    [InlineData("http://[::1]:9090")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:9090")]
    [InlineData("http://[::ffff:127.0.0.1]:9090")]
    [InlineData("http://localhost:9090")]
    [InlineData("http://LOCALHOST:9090")]
    public void IsLoopback_OnlyThisMachine_IsTrue(string url) => Assert.True(LoopbackAddresses.IsLoopback(url));

    [Theory]
    [InlineData("http://0.0.0.0:9090")]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:9090")]
    [InlineData("http://[::ffff:0.0.0.0]:9090")]
    [InlineData("http://192.168.1.10:9090")]
    [InlineData("http://10.0.0.1:9090")]
    [InlineData("http://128.0.0.1:9090")]
    [InlineData("http://[fe80::1]:9090")]
    [InlineData("http://example.com:9090")]
    [InlineData("http://localhost.example.com:9090")]
    [InlineData("http://my.localhost:9090")]
    [InlineData("http://*:9090")]
    [InlineData("http://+:9090")]
    [InlineData("not a url")]
    public void IsLoopback_ReachableFromElsewhereOrUnreadable_IsFalse(string url) => Assert.False(LoopbackAddresses.IsLoopback(url));

    [Fact]
    public void Exposed_Mixed_ListsOnlyTheOthers() =>
        Assert.Equal(
            ["http://0.0.0.0:9091"],
            LoopbackAddresses.Exposed(["http://127.0.0.1:9090", "http://0.0.0.0:9091", "http://[::1]:9092", "http://localhost:9093"]));

    [Fact]
    public void Exposed_AllLoopback_IsEmpty() => Assert.Empty(LoopbackAddresses.Exposed(["http://127.0.0.1:9090", "http://[::1]:9090"]));
}
