using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>Cluster leases: one holder at a time, renewal by the holder, takeover only after the end, release.</summary>
public abstract class ClusterLeaseContract : StoreContract, IAsyncLifetime
{
    private const string Duty = "rescue";
    private static readonly DateTimeOffset Now = ContractTimes.Now;
    private StoreUnderTest opened = null!;
    private IClusterLeaseStore leases = null!;

    public async Task InitializeAsync()
    {
        opened = await OpenAsync();
        leases = opened.Leases;
    }

    public async Task DisposeAsync() => await opened.DisposeAsync();

    [Fact]
    public async Task TryHoldAsync_FreeLease_TakesIt()
    {
        Assert.True(await leases.TryHoldAsync(Duty, "node-a", Now, Now.AddSeconds(30)));

        Assert.Equal([new ClusterLease(Duty, "node-a", Now.AddSeconds(30))], await leases.ListAsync());
    }

    [Fact]
    public async Task TryHoldAsync_HeldByAnotherUntilLater_IsRefusedAndKeepsTheHolder()
    {
        await leases.TryHoldAsync(Duty, "node-a", Now, Now.AddSeconds(30));

        Assert.False(await leases.TryHoldAsync(Duty, "node-b", Now.AddSeconds(29), Now.AddSeconds(59)));

        Assert.Equal("node-a", Assert.Single(await leases.ListAsync()).Holder);
    }

    [Fact]
    public async Task TryHoldAsync_ByTheHolder_RenewsIt()
    {
        await leases.TryHoldAsync(Duty, "node-a", Now, Now.AddSeconds(30));

        Assert.True(await leases.TryHoldAsync(Duty, "node-a", Now.AddSeconds(10), Now.AddSeconds(40)));

        Assert.Equal(Now.AddSeconds(40), Assert.Single(await leases.ListAsync()).ExpiresAt);
    }

    [Fact]
    public async Task TryHoldAsync_AfterTheEnd_AnotherNodeTakesIt()
    {
        await leases.TryHoldAsync(Duty, "node-a", Now, Now.AddSeconds(30));

        Assert.True(await leases.TryHoldAsync(Duty, "node-b", Now.AddSeconds(30), Now.AddSeconds(60)));
        Assert.False(await leases.TryHoldAsync(Duty, "node-a", Now.AddSeconds(31), Now.AddSeconds(61)));
    }

    [Fact]
    public async Task ReleaseAsync_ByTheHolder_FreesItAtOnce_ByAnother_ChangesNothing()
    {
        await leases.TryHoldAsync(Duty, "node-a", Now, Now.AddSeconds(30));

        await leases.ReleaseAsync(Duty, "node-b");
        Assert.False(await leases.TryHoldAsync(Duty, "node-b", Now.AddSeconds(1), Now.AddSeconds(31)));

        await leases.ReleaseAsync(Duty, "node-a");
        Assert.True(await leases.TryHoldAsync(Duty, "node-b", Now.AddSeconds(1), Now.AddSeconds(31)));
    }

    [Fact]
    public async Task TryHoldAsync_TwoLeases_AreIndependent()
    {
        Assert.True(await leases.TryHoldAsync("hooks", "node-a", Now, Now.AddSeconds(30)));
        Assert.True(await leases.TryHoldAsync(Duty, "node-b", Now, Now.AddSeconds(30)));

        Assert.Equal(["hooks", Duty], (await leases.ListAsync()).Select(l => l.Name));
    }
}
