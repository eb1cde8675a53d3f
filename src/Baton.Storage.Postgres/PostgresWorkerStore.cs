using Baton.Core.Storage;
using Baton.Core.Workers;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The registry of worker nodes in PostgreSQL (table workers): one row per name, taken by one atomic upsert.</summary>
internal sealed class PostgresWorkerStore(PostgresDatabase database) : IWorkerStore
{
    private const string Columns =
        "name, worker_id, host, version, slots, labels, running, started_at, heartbeat_at, live_until, drain_requested, drained_at, stopped_at";

    /// <inheritdoc />
    public Task<WorkerNode?> RegisterAsync(WorkerNode node, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                // The name passes to a new holder only when the old one is this process or gone; a live holder keeps it.
                // Two nodes inserting one name at once: the second waits for the first's row and then judges it by this
                // WHERE, so exactly one of them takes a free name.
                var registered = await session.Command(
                    """
                    INSERT INTO workers (name, worker_id, host, version, slots, labels, running, started_at, heartbeat_at, live_until)
                    VALUES (@name, @worker, @host, @version, @slots, @labels, @running, @started, @beat, @live)
                    ON CONFLICT (name) DO UPDATE SET worker_id = excluded.worker_id, host = excluded.host, version = excluded.version,
                        slots = excluded.slots, labels = excluded.labels, running = excluded.running, started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at, live_until = excluded.live_until,
                        drain_requested = 0, drained_at = NULL, stopped_at = NULL
                    WHERE workers.worker_id = excluded.worker_id OR workers.stopped_at IS NOT NULL OR workers.live_until <= @now
                    """).With("@name", node.Name).With("@worker", node.WorkerId).With("@host", node.Host).With("@version", node.Version)
                    .With("@slots", node.Slots).With("@labels", StoreJson.List(node.Labels)).With("@running", node.Running)
                    .With("@started", ToUnixMs(node.StartedAt)).With("@beat", ToUnixMs(node.HeartbeatAt)).With("@live", ToUnixMs(node.LiveUntil))
                    .With("@now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken) == 1;
                if (registered)
                {
                    return null;
                }

                // The upsert locked the holder's row even though it left it alone, so it is still there; this statement
                // (not the upsert's snapshot, which may predate a holder that committed meanwhile) sees it.
                await using var reader = await session.Command($"SELECT {Columns} FROM workers WHERE name = @name")
                    .With("@name", node.Name).ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<WorkerBeatOutcome> HeartbeatAsync(WorkerBeat beat, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var drain = await session.Command(
                    """
                    UPDATE workers SET running = @running, heartbeat_at = @now, live_until = @live,
                        drained_at = CASE WHEN @drained AND drain_requested = 1 THEN coalesce(drained_at, @now) ELSE drained_at END
                    WHERE name = @name AND worker_id = @worker AND stopped_at IS NULL
                    RETURNING drain_requested
                    """).With("@running", beat.Running).With("@now", ToUnixMs(beat.Now)).With("@live", ToUnixMs(beat.LiveUntil))
                    .With("@drained", beat.Drained).With("@name", beat.Name).With("@worker", beat.WorkerId)
                    .ExecuteScalarAsync(cancellationToken);
                return drain switch
                {
                    null => WorkerBeatOutcome.Lost,
                    int requested when requested != 0 => WorkerBeatOutcome.Drain,
                    _ => WorkerBeatOutcome.Active,
                };
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkerNode>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<WorkerNode>>(
            async connection =>
            {
                // Byte order, as the SQLite store lists them, whatever the database's locale.
                await using var command = Command(connection, $"SELECT {Columns} FROM workers ORDER BY name COLLATE \"C\"");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var nodes = new List<WorkerNode>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    nodes.Add(Read(reader));
                }

                return nodes;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetDrainAsync(string name, bool drain, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                """
                UPDATE workers SET drained_at = CASE WHEN @drain AND drain_requested = 1 THEN drained_at END, drain_requested = @requested
                WHERE name = @name
                """).With("@drain", drain).With("@requested", drain ? 1 : 0).With("@name", name).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(string name, string workerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE workers SET stopped_at = @now, running = 0 WHERE name = @name AND worker_id = @worker AND stopped_at IS NULL")
                .With("@now", ToUnixMs(now)).With("@name", name).With("@worker", workerId).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("DELETE FROM workers WHERE coalesce(stopped_at, live_until) < @before")
                .With("@before", ToUnixMs(before)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    private static WorkerNode Read(NpgsqlDataReader r) => new()
    {
        Name = r.GetString(0),
        WorkerId = r.GetString(1),
        Host = r.GetString(2),
        Version = r.GetString(3),
        Slots = r.GetInt32(4),
        Labels = StoreJson.ReadList(r.GetString(5)),
        Running = r.GetInt32(6),
        StartedAt = FromUnixMs(r.GetInt64(7)),
        HeartbeatAt = FromUnixMs(r.GetInt64(8)),
        LiveUntil = FromUnixMs(r.GetInt64(9)),
        DrainRequested = r.GetInt32(10) != 0,
        DrainedAt = r.GetTimeOrNull(11),
        StoppedAt = r.GetTimeOrNull(12),
    };
}
