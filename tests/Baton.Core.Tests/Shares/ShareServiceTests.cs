using Baton.Core.Errors;
using Baton.Core.Shares;
using Baton.Core.Tests.Browser;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Shares;

public sealed class ShareServiceTests
{
    private readonly InMemoryBrowserAccessStore store = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ShareService shares;

    public ShareServiceTests() => shares = new ShareService(store, time);

    [Fact]
    public async Task CreateAsync_DefaultLifetime_ValidFor24Hours()
    {
        var created = await shares.CreateAsync(ShareTarget.Task, "abcdefabcdef", null, "loopback");

        Assert.Equal(time.GetUtcNow().AddHours(24), created.Share.ExpiresAt);
        Assert.StartsWith(created.Share.Id + ".", created.Token, StringComparison.Ordinal);
        Assert.Equal(ShareCheckOutcome.Valid, (await shares.CheckAsync(created.Token)).Outcome);
        time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(ShareCheckOutcome.Expired, (await shares.CheckAsync(created.Token)).Outcome);
    }

    [Fact]
    public async Task CheckAsync_Revoked_Revoked()
    {
        var created = await shares.CreateAsync(ShareTarget.Workflow, "abcdefabcdef", "7d", "loopback");

        await shares.RevokeAsync(created.Share.Id);

        Assert.Equal(ShareCheckOutcome.Revoked, (await shares.CheckAsync(created.Token)).Outcome);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<BatonException>(() => shares.RevokeAsync(created.Share.Id))).Kind);
    }

    [Fact]
    public async Task CheckAsync_LaterExpiryWrittenIn_InvalidSignature()
    {
        var created = await shares.CreateAsync(ShareTarget.Task, "abcdefabcdef", "1h", "loopback");
        var parts = created.Token.Split('.');

        var stretched = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86400}.{parts[2]}";

        Assert.Equal(ShareCheckOutcome.Invalid, (await shares.CheckAsync(stretched)).Outcome);
    }

    [Fact]
    public async Task CheckAsync_SignedWithAnotherKey_Invalid()
    {
        var created = await shares.CreateAsync(ShareTarget.Task, "abcdefabcdef", null, "loopback");
        var foreign = ShareTokens.Sign(new byte[32], created.Share.Id, created.Share.ExpiresAt);

        Assert.Equal(ShareCheckOutcome.Invalid, (await shares.CheckAsync(foreign)).Outcome);
    }

    [Fact]
    public async Task CheckAsync_AnotherNodeWithTheSameStore_Valid()
    {
        var created = await shares.CreateAsync(ShareTarget.Task, "abcdefabcdef", null, "loopback");

        var otherNode = new ShareService(store, time);

        Assert.Equal(ShareCheckOutcome.Valid, (await otherNode.CheckAsync(created.Token)).Outcome);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("0s")]
    [InlineData("30s")]
    [InlineData("91d")]
    [InlineData("-1h")]
    public void Lifetime_OutOfRangeOrNotADuration_InvalidInputSayingHow(string text)
    {
        var error = Assert.Throws<BatonException>(() => ShareService.Lifetime(text));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("24h", error.Message, StringComparison.Ordinal);
    }
}
