using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Cluster leases taken by several nodes at the same moment, each on its own connection pool.</summary>
public sealed class PostgresClusterLeaseStoreTests
{
    [Fact]
    public async Task TryHoldAsync_TwoHoldersRaceForAFreeLease_ExactlyOneHoldsIt()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("leases"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        var now = ContractTimes.Now;
        for (var round = 0; round < 20; round++)
        {
            var name = $"duty-{round}";
            using var start = new ManualResetEventSlim();
            var onFirst = Task.Run(() => { start.Wait(); return first.Leases.TryHoldAsync(name, "node-a", now, now.AddSeconds(30)); });
            var onSecond = Task.Run(() => { start.Wait(); return second.Leases.TryHoldAsync(name, "node-b", now, now.AddSeconds(30)); });
            start.Set();

            var held = await Task.WhenAll(onFirst, onSecond);

            Assert.Single(held, h => h);
            var lease = Assert.Single(await first.Leases.ListAsync(), l => l.Name == name);
            Assert.Equal(held[0] ? "node-a" : "node-b", lease.Holder);
        }
    }

    [Fact]
    public async Task TryHoldAsync_ExpiredLeaseTakenByTwoAtOnce_ExactlyOneHoldsIt()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("expired"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        var now = ContractTimes.Now;
        for (var round = 0; round < 20; round++)
        {
            var name = $"duty-{round}";
            await first.Leases.TryHoldAsync(name, "node-gone", now, now.AddSeconds(30));
            var later = now.AddSeconds(30);
            using var start = new ManualResetEventSlim();
            var onFirst = Task.Run(() => { start.Wait(); return first.Leases.TryHoldAsync(name, "node-a", later, later.AddSeconds(30)); });
            var onSecond = Task.Run(() => { start.Wait(); return second.Leases.TryHoldAsync(name, "node-b", later, later.AddSeconds(30)); });
            start.Set();

            var held = await Task.WhenAll(onFirst, onSecond);

            Assert.Single(held, h => h);
            Assert.Equal(held[0] ? "node-a" : "node-b", Assert.Single(await first.Leases.ListAsync(), l => l.Name == name).Holder);
        }
    }
}
