using Baton.Core.Access;
using Baton.Core.Browser;
using Baton.Core.Tests.Access;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Browser;

public sealed class BrowserSessionServiceTests
{
    private readonly InMemoryBrowserAccessStore store = new();
    private readonly InMemoryTokenStore tokenStore = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly BrowserSessionService sessions;
    private readonly TokenService tokens;

    public BrowserSessionServiceTests()
    {
        sessions = new BrowserSessionService(store, tokenStore, time);
        tokens = new TokenService(tokenStore, time);
    }

    [Fact]
    public async Task OpenForTokenAsync_ValidToken_SessionWithTheTokensScopeAndOnlyItsHashStored()
    {
        var token = (await tokens.CreateAsync("viewer", "read")).Token;

        var opened = await sessions.OpenForTokenAsync(token);
        var check = await sessions.AuthenticateAsync(opened.Secret);

        Assert.True(check.IsValid);
        Assert.Equal(TokenScope.Read, check.Session!.Scope);
        Assert.Equal("token:viewer", check.Caller);
        Assert.Equal(time.GetUtcNow() + BrowserSessionService.SessionLifetime, opened.Session.ExpiresAt);
        Assert.Equal([BrowserSecrets.Hash(opened.Secret)], store.Hashes);
    }

    [Fact]
    public async Task AuthenticateAsync_AfterSevenDays_Expired()
    {
        var opened = await sessions.OpenForTokenAsync((await tokens.CreateAsync("ci", "write")).Token);

        time.Advance(BrowserSessionService.SessionLifetime - TimeSpan.FromSeconds(1));
        var before = await sessions.AuthenticateAsync(opened.Secret);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await sessions.AuthenticateAsync(opened.Secret);

        Assert.True(before.IsValid);
        Assert.Equal(BrowserSessionOutcome.Expired, after.Outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenRevoked_SessionEnds()
    {
        var created = await tokens.CreateAsync("ci", "write");
        var opened = await sessions.OpenForTokenAsync(created.Token);

        await tokens.RevokeAsync("ci");

        Assert.Equal(BrowserSessionOutcome.TokenRevoked, (await sessions.AuthenticateAsync(opened.Secret)).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task AuthenticateAsync_UnknownOrMalformed_Unknown(string? secret) =>
        Assert.Equal(BrowserSessionOutcome.Unknown, (await sessions.AuthenticateAsync(secret)).Outcome);

    [Fact]
    public async Task OpenWithCodeAsync_FirstUse_OwnersAdminSessionThenUsed()
    {
        var code = await sessions.CreateCodeAsync("alice");

        var (first, opened) = await sessions.OpenWithCodeAsync(code);
        var (second, none) = await sessions.OpenWithCodeAsync(code);

        Assert.Equal(BrowserCodeOutcome.Opened, first);
        Assert.Equal(TokenScope.Admin, opened!.Session.Scope);
        Assert.Null(opened.Session.TokenId);
        Assert.Equal("session:alice", (await sessions.AuthenticateAsync(opened.Secret)).Caller);
        Assert.Equal(BrowserCodeOutcome.Used, second);
        Assert.Null(none);
    }

    [Fact]
    public async Task OpenWithCodeAsync_AfterTwoMinutes_Expired()
    {
        var code = await sessions.CreateCodeAsync("alice");

        time.Advance(BrowserSessionService.CodeLifetime);

        Assert.Equal(BrowserCodeOutcome.Expired, (await sessions.OpenWithCodeAsync(code)).Outcome);
    }

    [Fact]
    public async Task SignOutAsync_LiveSession_UnknownAfterwards()
    {
        var opened = await sessions.OpenForTokenAsync((await tokens.CreateAsync("ci", "write")).Token);

        Assert.True(await sessions.SignOutAsync(opened.Secret));

        Assert.Equal(BrowserSessionOutcome.Unknown, (await sessions.AuthenticateAsync(opened.Secret)).Outcome);
    }

    [Fact]
    public void CsrfMatches_OnlyTheSessionsOwnToken()
    {
        var secret = BrowserSecrets.NewSession();
        var csrf = BrowserSecrets.CsrfOf(secret);

        Assert.True(BrowserSecrets.CsrfMatches(secret, csrf));
        Assert.False(BrowserSecrets.CsrfMatches(secret, BrowserSecrets.CsrfOf(BrowserSecrets.NewSession())));
        Assert.False(BrowserSecrets.CsrfMatches(secret, null));
        Assert.False(BrowserSecrets.CsrfMatches(secret, BrowserSecrets.Hash(secret)));
        Assert.DoesNotContain(secret, csrf, StringComparison.Ordinal);
    }
}
