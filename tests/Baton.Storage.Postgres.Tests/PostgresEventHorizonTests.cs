using Baton.Core.Events;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// Writers of events do not wait for each other, so a lower id can still be in flight while a higher one is visible:
/// readers stop below it until it commits, and pass it once its transaction rolled back.
/// </summary>
public sealed class PostgresEventHorizonTests
{
    [Fact]
    public async Task ReadAsync_LowerIdInFlightThenCommitted_StopsBelowItThenReadsBothInOrder()
    {
        var (store, location) = await OpenAsync("inflight");
        await using var _ = store;
        await store.QueueAsync("first", ContractTimes.Now);
        await using var holder = await HoldEventIdAsync(location);
        await store.QueueAsync("after", ContractTimes.Now);

        var whileHeld = await store.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100));
        var latestWhileHeld = await store.Events.LatestIdAsync();
        await holder.Transaction.CommitAsync();
        var afterCommit = await store.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100));

        Assert.Equal(["task_first"], whileHeld.Select(e => e.TaskId));
        Assert.True(latestWhileHeld < holder.Id, $"latest {latestWhileHeld} must stay below the id in flight ({holder.Id})");
        Assert.Equal([whileHeld[0].Id, holder.Id, holder.Id + 1], afterCommit.Select(e => e.Id));
        Assert.Equal(["task_first", null, "task_after"], afterCommit.Select(e => e.TaskId));
    }

    [Fact]
    public async Task ReadAsync_LowerIdRolledBack_PassesTheGapAndMissesNothingAfterIt()
    {
        var (store, location) = await OpenAsync("rollback");
        await using var _ = store;
        await store.QueueAsync("first", ContractTimes.Now);
        long gap;
        await using (var holder = await HoldEventIdAsync(location))
        {
            await store.QueueAsync("after", ContractTimes.Now);
            Assert.Single(await store.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100)));
            gap = holder.Id;
            await holder.Transaction.RollbackAsync();
        }

        var read = await Eventually.ReturnsAsync(
            async () =>
            {
                var events = await store.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100));
                return events.Count == 2 ? events : throw new InvalidOperationException($"read {events.Count} events");
            },
            TimeSpan.FromSeconds(10),
            "passing the rolled-back id");
        var latest = await store.Events.LatestIdAsync();

        Assert.Equal(["task_first", "task_after"], read.Select(e => e.TaskId));
        Assert.Equal(gap + 1, read[1].Id);
        Assert.Equal(gap + 1, latest);
    }

    private static async Task<(StoreUnderTest Store, string Location)> OpenAsync(string name)
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync(name));
        return (await PostgresStores.OpenAsync(location), location);
    }

    /// <summary>Takes an event id as the store's writers do (a transaction id first) and leaves its transaction open.</summary>
    private static async Task<HeldEventId> HoldEventIdAsync(string location)
    {
        var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, transaction);
        await xid.ExecuteScalarAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO baton.events (id, type, at) VALUES (nextval('baton.event_ids'), 'milestone', 0) RETURNING id", connection, transaction);
        var id = (long)(await insert.ExecuteScalarAsync())!;
        return new HeldEventId(connection, transaction, id);
    }

    private sealed record HeldEventId(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
