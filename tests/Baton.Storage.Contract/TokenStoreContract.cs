using Baton.Core.Access;

namespace Baton.Storage.Contract;

/// <summary>API tokens: create, find by name, id or hash, revoke, touch with a resolution, count the active.</summary>
public abstract class TokenStoreContract : StoreContract, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ContractTimes.Now;
    private StoreUnderTest opened = null!;
    private Core.Storage.ITokenStore store = null!;

    public async Task InitializeAsync()
    {
        opened = await OpenAsync();
        store = opened.Tokens;
    }

    public async Task DisposeAsync() => await opened.DisposeAsync();

    [Fact]
    public async Task CreateAsync_TakenName_ReturnsFalseAndKeepsTheFirst()
    {
        var first = Token("ci", TokenScope.Read);
        await store.CreateAsync(first, "hash-1");

        Assert.False(await store.CreateAsync(Token("ci", TokenScope.Admin), "hash-2"));

        Assert.Equal([first], await store.ListAsync());
    }

    [Fact]
    public async Task ListAsync_SeveralTokens_OldestFirst()
    {
        var later = Token("later", TokenScope.Read, Now.AddMinutes(1));
        var earlier = Token("earlier", TokenScope.Admin, Now);
        await store.CreateAsync(later, "h1");
        await store.CreateAsync(earlier, "h2");

        Assert.Equal(["earlier", "later"], (await store.ListAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task FindAsync_ByIdOrName_FindsTheToken()
    {
        var token = Token("ci", TokenScope.Read);
        await store.CreateAsync(token, "h");

        Assert.Equal(token, await store.FindAsync(token.Id));
        Assert.Equal(token, await store.FindAsync("ci"));
        Assert.Null(await store.FindAsync("other"));
    }

    [Fact]
    public async Task FindByHashAsync_KnownHash_ReturnsTokenAndHash()
    {
        var token = Token("ci", TokenScope.Write);
        var secret = TokenSecrets.Generate();
        await store.CreateAsync(token, TokenSecrets.Hash(secret));
        await store.CreateAsync(Token("other", TokenScope.Read), TokenSecrets.Hash(TokenSecrets.Generate()));

        var found = await store.FindByHashAsync(TokenSecrets.Hash(secret));

        Assert.NotNull(found);
        Assert.Equal(token, found.Token);
        Assert.Equal(TokenSecrets.Hash(secret), found.Hash);
        Assert.Null(await store.FindByHashAsync(TokenSecrets.Hash(TokenSecrets.Generate())));
    }

    [Fact]
    public async Task RevokeAsync_Active_SetsRevokedAtOnce()
    {
        var token = Token("ci", TokenScope.Read);
        await store.CreateAsync(token, "h");

        var revoked = await store.RevokeAsync(token.Id, Now.AddHours(1));
        var again = await store.RevokeAsync(token.Id, Now.AddHours(2));

        Assert.Equal(Now.AddHours(1), revoked!.RevokedAt);
        Assert.Null(again);
        Assert.Equal(Now.AddHours(1), (await store.FindAsync("ci"))!.RevokedAt);
        Assert.True((await store.FindByHashAsync("h"))!.Token.IsRevoked);
        Assert.Null(await store.RevokeAsync("tok_missing", Now));
    }

    [Fact]
    public async Task TouchAsync_WithinResolution_WritesOnlyOnce()
    {
        var token = Token("ci", TokenScope.Read);
        await store.CreateAsync(token, "h");
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await store.TouchAsync(token.Id, Now, minute));
        Assert.False(await store.TouchAsync(token.Id, Now.AddSeconds(59), minute));
        Assert.Equal(Now, (await store.FindAsync("ci"))!.LastUsedAt);
        Assert.True(await store.TouchAsync(token.Id, Now.AddMinutes(1), minute));
        Assert.Equal(Now.AddMinutes(1), (await store.FindAsync("ci"))!.LastUsedAt);
    }

    [Fact]
    public async Task CountActiveAsync_SomeRevoked_CountsTheOthers()
    {
        Assert.Equal(0, await store.CountActiveAsync());
        var first = Token("a", TokenScope.Read);
        await store.CreateAsync(first, "h1");
        await store.CreateAsync(Token("b", TokenScope.Write), "h2");
        await store.RevokeAsync(first.Id, Now);

        Assert.Equal(1, await store.CountActiveAsync());
    }

    private static ApiTokenRecord Token(string name, TokenScope scope, DateTimeOffset? createdAt = null) =>
        new(TokenIds.New(), name, scope, createdAt ?? Now);
}
