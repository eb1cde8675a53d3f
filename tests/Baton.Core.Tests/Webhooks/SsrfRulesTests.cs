using System.Net;
using Baton.Core.Errors;
using Baton.Core.Webhooks;

namespace Baton.Core.Tests.Webhooks;

public sealed class SsrfRulesTests
{
    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fd20:ce::254")]
    [InlineData("100.100.100.200")]
    [InlineData("::ffff:100.100.100.200")]
    [InlineData("168.63.129.16")]
    [InlineData("192.0.0.192")]
    [InlineData("169.254.170.2")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("ff02::1")]
    public void Refusal_AlwaysForbidden_RefusedEvenWithPrivateAllowed(string address) =>
        Assert.NotNull(SsrfRules.Refusal(IPAddress.Parse(address), allowPrivate: true));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Refusal_PrivateOrLoopback_AllowedByDefaultRefusedWhenPrivateNotAllowed(string address)
    {
        Assert.Null(SsrfRules.Refusal(IPAddress.Parse(address), allowPrivate: true));
        Assert.NotNull(SsrfRules.Refusal(IPAddress.Parse(address), allowPrivate: false));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1::1")]
    public void Refusal_Public_AllowedEitherWay(string address) =>
        Assert.Null(SsrfRules.Refusal(IPAddress.Parse(address), allowPrivate: false));

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("example.com/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://user:pass@example.com/")]
    public void CheckUrl_Forbidden_InvalidInputNamingTheField(string url)
    {
        var error = Assert.Throws<BatonException>(() => SsrfRules.CheckUrl(url, allowPrivate: true, "webhook_url"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("webhook_url", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "webhook_url: webhooks cannot be sent to 169.254.169.254: it is a link-local address, where clouds serve instance metadata and credentials")]
    [InlineData("http://100.100.100.200/latest/meta-data", "webhook_url: webhooks cannot be sent to 100.100.100.200: it is a cloud provider's instance metadata address")]
    [InlineData("http://[::ffff:169.254.169.254]/", "webhook_url: webhooks cannot be sent to 169.254.169.254: it is a link-local address, where clouds serve instance metadata and credentials")]
    [InlineData("http://0.0.0.0/", "webhook_url: webhooks cannot be sent to 0.0.0.0: it is not the address of a single host")]
    public void CheckUrl_MetadataAddress_RefusedWithASentence(string url, string expected) =>
        Assert.Equal(expected, Assert.Throws<BatonException>(() => SsrfRules.CheckUrl(url, allowPrivate: true, "webhook_url")).Message);

    [Fact]
    public void CheckUrl_LoopbackWithPrivateNotAllowed_Refused() =>
        Assert.Throws<BatonException>(() => SsrfRules.CheckUrl("http://127.0.0.1:8080/hook", allowPrivate: false, "url"));

    [Fact]
    public void CheckUrl_HostName_AcceptedAndCheckedWhenResolved() =>
        Assert.Equal("https://hooks.example.com/baton", SsrfRules.CheckUrl("https://hooks.example.com/baton", allowPrivate: false, "url").AbsoluteUri);
}
