using Baton.Core.Webhooks;

namespace Baton.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The Standard Webhooks specification's own test vector.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";

    [Fact]
    public void Sign_SpecificationVector_MatchesTheSpecification() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, Id, Timestamp, Body));

    [Fact]
    public void Header_TwoSecrets_OneSignatureEachSeparatedBySpace()
    {
        var other = WebhookSecret.Generate();

        var header = WebhookSignature.Header([other, Secret], Id, Timestamp, Body);

        Assert.Equal($"{WebhookSignature.Sign(other, Id, Timestamp, Body)} v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    [Fact]
    public void Generate_NewSecret_PrefixedAnd24RandomBytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(24, WebhookSecret.KeyOf(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.Generate());
    }

    [Fact]
    public void SigningSecrets_DuringAndAfterOverlap_PreviousOnlyUntilItExpires()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var endpoint = new WebhookEndpoint("ep_1", "http://x", "whsec_new", "whsec_old", now.AddHours(1), now, null, null);

        Assert.Equal(["whsec_new", "whsec_old"], endpoint.SigningSecrets(now));
        Assert.Equal(["whsec_new"], endpoint.SigningSecrets(now.AddHours(1)));
    }
}
