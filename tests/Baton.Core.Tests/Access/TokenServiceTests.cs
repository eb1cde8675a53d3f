using Baton.Core.Access;
using Baton.Core.Errors;
using Baton.Core.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Access;

public sealed class TokenServiceTests
{
    private readonly InMemoryTokenStore store = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TokenService service;

    public TokenServiceTests() => service = new TokenService(store, time);

    [Fact]
    public async Task CreateAsync_NewName_ReturnsSecretAndStoresOnlyItsHash()
    {
        var created = await service.CreateAsync("ci", "write");

        Assert.True(TokenSecrets.IsWellFormed(created.Secret));
        Assert.Equal("ci", created.Token.Name);
        Assert.Equal(TokenScope.Write, created.Token.Scope);
        Assert.StartsWith(TokenIds.Prefix, created.Token.Id, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow(), created.Token.CreatedAt);
        Assert.Equal([TokenSecrets.Hash(created.Secret)], store.Hashes);
        Assert.DoesNotContain(created.Secret, created.Token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_TakenName_ThrowsConflict()
    {
        await service.CreateAsync("ci", "read");

        var error = await Assert.ThrowsAsync<BatonException>(() => service.CreateAsync("ci", "write"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("a token named 'ci' exists already", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NameOfRevokedToken_ThrowsConflictSayingItIsRevoked()
    {
        await service.CreateAsync("ci", "read");
        await service.RevokeAsync("ci");

        var error = await Assert.ThrowsAsync<BatonException>(() => service.CreateAsync("ci", "read"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("a revoked token is still named 'ci'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_BadScope_ThrowsInvalidAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<BatonException>(() => service.CreateAsync("ci", "root"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Empty(await service.ListAsync());
    }

    [Fact]
    public async Task RevokeAsync_ByNameOrId_RevokesAtNow()
    {
        var first = await service.CreateAsync("first", "read");
        var second = await service.CreateAsync("second", "admin");
        time.Advance(TimeSpan.FromMinutes(5));

        var byName = await service.RevokeAsync("first");
        var byId = await service.RevokeAsync(second.Token.Id);

        Assert.Equal(first.Token.Id, byName.Id);
        Assert.Equal(time.GetUtcNow(), byName.RevokedAt);
        Assert.Equal(second.Token.Id, byId.Id);
        Assert.False(await service.AnyActiveAsync());
    }

    [Fact]
    public async Task RevokeAsync_Unknown_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<BatonException>(() => service.RevokeAsync("nobody"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAsync_Twice_ThrowsConflict()
    {
        await service.CreateAsync("ci", "read");
        await service.RevokeAsync("ci");

        var error = await Assert.ThrowsAsync<BatonException>(() => service.RevokeAsync("ci"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("already revoked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_CreatedToken_IsValidWithItsRecord()
    {
        var created = await service.CreateAsync("ci", "read");

        var check = await service.AuthenticateAsync(created.Secret);

        Assert.Equal(TokenCheckOutcome.Valid, check.Outcome);
        Assert.Equal(created.Token.Id, check.Token!.Id);
        Assert.Equal("token:ci", check.Token.Caller);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("baton_short")]
    public async Task AuthenticateAsync_WrongShape_IsMalformed(string presented)
    {
        await service.CreateAsync("ci", "read");

        Assert.Equal(TokenCheckOutcome.Malformed, (await service.AuthenticateAsync(presented)).Outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_WellFormedButUnknown_IsUnknown()
    {
        await service.CreateAsync("ci", "read");

        Assert.Equal(TokenCheckOutcome.Unknown, (await service.AuthenticateAsync(TokenSecrets.Generate())).Outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedToken_IsRevoked()
    {
        var created = await service.CreateAsync("ci", "write");
        await service.RevokeAsync("ci");

        var check = await service.AuthenticateAsync(created.Secret);

        Assert.Equal(TokenCheckOutcome.Revoked, check.Outcome);
        Assert.False(check.IsValid);
    }

    [Fact]
    public async Task AuthenticateAsync_ManyUsesWithinAMinute_RecordsLastUseOnce()
    {
        var created = await service.CreateAsync("ci", "read");

        for (var i = 0; i < 20; i++)
        {
            await service.AuthenticateAsync(created.Secret);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, store.Touches);
        Assert.Equal(created.Token.CreatedAt, (await service.ListAsync())[0].LastUsedAt);
    }

    [Fact]
    public async Task AuthenticateAsync_AfterAMinute_RecordsLastUseAgain()
    {
        var created = await service.CreateAsync("ci", "read");
        await service.AuthenticateAsync(created.Secret);

        time.Advance(TimeSpan.FromMinutes(1));
        await service.AuthenticateAsync(created.Secret);

        Assert.Equal(2, store.Touches);
        Assert.Equal(time.GetUtcNow(), (await service.ListAsync())[0].LastUsedAt);
    }

    [Fact]
    public async Task AuthenticateAsync_ConcurrentUses_RecordLastUseOnce()
    {
        var created = await service.CreateAsync("ci", "read");

        var checks = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => service.AuthenticateAsync(created.Secret))));

        Assert.All(checks, c => Assert.True(c.IsValid));
        Assert.Equal(1, store.Touches);
    }

    [Fact]
    public async Task AuthenticateAsync_RecordingLastUseFails_StillValidAndRetriesNextTime()
    {
        var created = await service.CreateAsync("ci", "read");
        store.FailTouches = true;

        var check = await service.AuthenticateAsync(created.Secret);
        store.FailTouches = false;
        await service.AuthenticateAsync(created.Secret);

        Assert.True(check.IsValid);
        Assert.Equal(1, store.Touches);
        Assert.NotNull((await service.ListAsync())[0].LastUsedAt);
    }
}
