using System.Collections.Concurrent;
using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// Claims from several nodes at once: SKIP LOCKED hands each task to exactly one claimer. A claim cut off before its
/// commit ran is run again, once.
/// </summary>
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

    [Fact]
    public async Task ClaimAsync_ConnectionCutWhileItsCommitBatchWaits_RunsAgainOnAFreshConnectionAndClaimsOnce()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("cutclaim"));
        await using var store = await PostgresStores.OpenAsync(location);
        await store.QueueAsync("cut", ContractTimes.Now.AddMinutes(-5));
        await using var admin = new NpgsqlConnection(location);
        await admin.OpenAsync();
        // Held here, the subscriptions' lock stops the claim's last batch (attempt rows, events, COMMIT) at the
        // statement that takes it: the COMMIT has been sent and has not run.
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", admin))
        {
            hold.Parameters.AddWithValue("key", PostgresEventAppender.RoutesLockKey);
            await hold.ExecuteNonQueryAsync();
        }

        var claiming = store.Attempts.ClaimAsync("worker-1", ContractTimes.Now, ContractTimes.LeaseUntil, 1);
        var waiting = await Eventually.ReturnsAsync(
            async () =>
            {
                await using var find = new NpgsqlCommand(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", admin);
                return await find.ExecuteScalarAsync() as int? ?? throw new InvalidOperationException("no claim waits yet");
            },
            TimeSpan.FromSeconds(5),
            "the claim's batch waiting for the lock");
        await using (var cut = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin))
        {
            cut.Parameters.AddWithValue("pid", waiting);
            Assert.True(await cut.ExecuteScalarAsync() is true);
        }

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", admin))
        {
            release.Parameters.AddWithValue("key", PostgresEventAppender.RoutesLockKey);
            await release.ExecuteNonQueryAsync();
        }

        // The server's answer (its backend ended before the COMMIT's completion) proves nothing committed: the claim
        // ran again on a fresh connection, and the task was claimed once.
        var claim = Assert.Single(await claiming);
        Assert.Equal(1, claim.Attempt.Number);
        var running = Assert.Single(await store.Attempts.FindOtherRunningAttemptsAsync("nobody"));
        Assert.Equal(claim.Attempt, running.Attempt);
        Assert.Equal(1, (await store.Tasks.GetTaskAsync(claim.Task.Id))!.AttemptCount);
    }
}
