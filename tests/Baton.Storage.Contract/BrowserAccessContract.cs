using Baton.Core.Access;
using Baton.Core.Browser;
using Baton.Core.Shares;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// Browser sessions, one-time codes, share links and the share key: found by hash, used once under concurrency,
/// revoked once, purged when expired, and one key however many nodes race to make it.
/// </summary>
public abstract class BrowserAccessContract : StoreContract, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ContractTimes.Now;
    private StoreUnderTest opened = null!;
    private IBrowserAccessStore store = null!;

    public async Task InitializeAsync()
    {
        opened = await OpenAsync();
        store = opened.Browser;
    }

    public async Task DisposeAsync() => await opened.DisposeAsync();

    [Fact]
    public async Task FindSessionAsync_KnownHash_ReturnsSessionAndHash()
    {
        var token = Session("tok_abcdefabcdef", "ci", TokenScope.Read);
        var owner = Session(null, "alice", TokenScope.Admin);
        await store.CreateSessionAsync(token, "hash-token");
        await store.CreateSessionAsync(owner, "hash-owner");

        var found = await store.FindSessionAsync("hash-token");
        var ownerFound = await store.FindSessionAsync("hash-owner");

        Assert.Equal(new StoredBrowserSession(token, "hash-token"), found);
        Assert.Equal(owner, ownerFound!.Session);
        Assert.Null(await store.FindSessionAsync("hash-other"));
    }

    [Fact]
    public async Task DeleteSessionAsync_Known_GoneAndSecondDeleteFalse()
    {
        await store.CreateSessionAsync(Session(null, "alice", TokenScope.Admin), "h");

        Assert.True(await store.DeleteSessionAsync("h"));
        Assert.False(await store.DeleteSessionAsync("h"));
        Assert.Null(await store.FindSessionAsync("h"));
    }

    [Fact]
    public async Task UseCodeAsync_FirstUse_ReturnsUnusedThenUsed()
    {
        var code = new BrowserCodeRecord("alice", Now, Now.AddMinutes(2));
        await store.CreateCodeAsync(code, "code-hash");

        var first = await store.UseCodeAsync("code-hash", Now.AddSeconds(5));
        var second = await store.UseCodeAsync("code-hash", Now.AddSeconds(6));

        Assert.Equal(code, first);
        Assert.Equal(code with { UsedAt = Now.AddSeconds(5) }, second);
        Assert.Null(await store.UseCodeAsync("other-hash", Now));
    }

    [Fact]
    public async Task UseCodeAsync_ManyAtOnce_ExactlyOneFindsItUnused()
    {
        await store.CreateCodeAsync(new BrowserCodeRecord("alice", Now, Now.AddMinutes(2)), "code-hash");

        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.UseCodeAsync("code-hash", Now.AddSeconds(i)))));

        Assert.Single(uses, u => u!.UsedAt is null);
    }

    [Fact]
    public async Task PurgeExpiredAsync_ExpiredSessionsAndCodes_GoneOthersKept()
    {
        await store.CreateSessionAsync(Session(null, "old", TokenScope.Admin, expiresAt: Now), "old-session");
        await store.CreateSessionAsync(Session(null, "live", TokenScope.Admin, expiresAt: Now.AddDays(1)), "live-session");
        await store.CreateCodeAsync(new BrowserCodeRecord("alice", Now.AddMinutes(-3), Now.AddMinutes(-1)), "old-code");
        await store.CreateCodeAsync(new BrowserCodeRecord("alice", Now, Now.AddMinutes(2)), "live-code");

        var purged = await store.PurgeExpiredAsync(Now);

        Assert.Equal(2, purged);
        Assert.Null(await store.FindSessionAsync("old-session"));
        Assert.NotNull(await store.FindSessionAsync("live-session"));
        Assert.Null(await store.UseCodeAsync("old-code", Now));
        Assert.NotNull(await store.UseCodeAsync("live-code", Now));
    }

    [Fact]
    public async Task ListSharesAsync_Several_NewestFirstUpToTheLimit()
    {
        var older = Share(ShareTarget.Task, "aaaaaaaaaaaa", Now);
        var newer = Share(ShareTarget.Workflow, "bbbbbbbbbbbb", Now.AddMinutes(1));
        await store.CreateShareAsync(older);
        await store.CreateShareAsync(newer);

        Assert.Equal([newer, older], await store.ListSharesAsync(10));
        Assert.Equal([newer], await store.ListSharesAsync(1));
        Assert.Equal(older, await store.FindShareAsync(older.Id));
        Assert.Null(await store.FindShareAsync("shr_missingmissin"));
    }

    [Fact]
    public async Task RevokeShareAsync_Active_SetsRevokedAtOnce()
    {
        var share = Share(ShareTarget.Task, "aaaaaaaaaaaa", Now);
        await store.CreateShareAsync(share);

        var revoked = await store.RevokeShareAsync(share.Id, Now.AddHours(1));
        var again = await store.RevokeShareAsync(share.Id, Now.AddHours(2));

        Assert.Equal(share with { RevokedAt = Now.AddHours(1) }, revoked);
        Assert.Null(again);
        Assert.True((await store.FindShareAsync(share.Id))!.IsRevoked);
        Assert.Null(await store.RevokeShareAsync("shr_missingmissin", Now));
    }

    [Fact]
    public async Task GetOrAddShareKeyAsync_RacingCandidates_AllGetTheFirstStored()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.GetOrAddShareKeyAsync($"candidate-{i}"))));
        var later = await store.GetOrAddShareKeyAsync("late-candidate");

        Assert.Single(keys.Distinct());
        Assert.StartsWith("candidate-", keys[0], StringComparison.Ordinal);
        Assert.Equal(keys[0], later);
    }

    private static BrowserSessionRecord Session(string? tokenId, string name, TokenScope scope, DateTimeOffset? expiresAt = null) =>
        new(BrowserSessionIds.New(), tokenId, name, scope, Now, expiresAt ?? Now.AddDays(7));

    private static ShareRecord Share(ShareTarget kind, string target, DateTimeOffset createdAt) =>
        new(ShareIds.New(), kind, target, "loopback", createdAt, createdAt.AddHours(24));
}
