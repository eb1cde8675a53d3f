using Baton.Core.Access;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Access;

public sealed class SqliteTokenStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;
    private SqliteTokenStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        store = new SqliteTokenStore(database.Options);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_NewToken_StoresRowWithHash()
    {
        var token = Token("ci", TokenScope.Write);

        Assert.True(await store.CreateAsync(token, "hash-ci"));

        Assert.Equal([token], await store.ListAsync());
        Assert.Equal("hash-ci", await database.ScalarAsync($"SELECT hash FROM api_tokens WHERE id = '{token.Id}'"));
        Assert.Equal("write", await database.ScalarAsync($"SELECT scope FROM api_tokens WHERE id = '{token.Id}'"));
    }

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

    [Fact]
    public async Task TokenService_OverSqlite_NeverStoresTheSecret()
    {
        var service = new TokenService(store, TimeProvider.System);

        var created = await service.CreateAsync("ci", "admin");

        var stored = await database.ScalarAsync("SELECT group_concat(id || name || scope || hash, '|') FROM api_tokens") as string;
        Assert.DoesNotContain(created.Secret[TokenSecrets.Prefix.Length..], stored, StringComparison.Ordinal);
        Assert.Equal(TokenCheckOutcome.Valid, (await service.AuthenticateAsync(created.Secret)).Outcome);
        Assert.NotNull((await store.FindAsync("ci"))!.LastUsedAt);
    }

    private static ApiTokenRecord Token(string name, TokenScope scope, DateTimeOffset? createdAt = null) =>
        new(TokenIds.New(), name, scope, createdAt ?? Now);
}
