using System.Collections.Concurrent;
using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Claims from several nodes at once: SKIP LOCKED hands each task to exactly one claimer.</summary>
public sealed class PostgresClaimTests
{
    [Fact]
    public async Task ClaimAsync_FourClaimersOnTwoNodes_EveryTaskClaimedExactlyOnce()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("claims"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var i = 0; i < 200; i++)
        {
            await first.QueueAsync($"task{i}", ContractTimes.Now.AddMinutes(-5));
        }

        var claimed = new ConcurrentBag<string>();
        var claimers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var store = n % 2 == 0 ? first : second;
            while (await store.Attempts.ClaimAsync($"worker-{n}", ContractTimes.Now, ContractTimes.LeaseUntil, 3) is { Count: > 0 } claims)
            {
                foreach (var claim in claims)
                {
                    claimed.Add(claim.Task.Id);
                }
            }
        }));
        await Task.WhenAll(claimers);

        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Distinct(StringComparer.Ordinal).Count());
        var running = await first.Attempts.FindOtherRunningAttemptsAsync("nobody");
        Assert.Equal(200, running.Count);
        Assert.All(running, a => Assert.Equal(1, a.Attempt.Number));
    }
}
