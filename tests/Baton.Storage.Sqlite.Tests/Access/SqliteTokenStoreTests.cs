using Baton.Core.Access;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Access;

/// <summary>What only SQLite can show (the stored columns); the port's behaviour is in the store contract.</summary>
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
