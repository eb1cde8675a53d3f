using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The cluster's gauges from SQLite: each query reads only a partial index's rows, however many tasks ended.</summary>
public sealed class SqliteGaugeStore : IGaugeStore, IAsyncDisposable
{
    // "status <> 'completed'" is the partial index's own term, written out so that SQLite sees the index applies;
    // the IN list then seeks the live statuses in it and never touches the ended tasks.
    private const string TasksSql = """
        SELECT status, agent_name, runner, priority, blocked, count(*)
        FROM tasks INDEXED BY ix_tasks_status
        WHERE status <> 'completed' AND status IN ('pending', 'retrying', 'running', 'input_required', 'paused')
        GROUP BY status, agent_name, runner, priority, blocked
        """;

    private const string InteractionsSql = """
        SELECT kind, count(*), min(created_at) FROM interactions WHERE status = 'open' GROUP BY kind
        """;

    private const string DeliveriesSql = "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'";

    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteGaugeStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                // One deferred (read) transaction: the three figures describe the same moment, and no write waits on it.
                await using var transaction = connection.BeginTransaction(deferred: true);
                var tasks = new List<LiveTaskCount>();
                await using (var command = Command(connection, TasksSql, transaction))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        tasks.Add(new LiveTaskCount(
                            reader.GetString(0), reader.GetStringOrNull(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4) != 0, reader.GetInt64(5)));
                    }
                }

                var interactions = new List<OpenInteractionCount>();
                await using (var command = Command(connection, InteractionsSql, transaction))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        interactions.Add(new OpenInteractionCount(reader.GetString(0), reader.GetInt64(1), FromUnixMs(reader.GetInt64(2))));
                    }
                }

                await using var deliveries = Command(connection, DeliveriesSql, transaction);
                var pending = (long)(await deliveries.ExecuteScalarAsync(cancellationToken) ?? 0L);
                return new StoreGauges(tasks, interactions, pending);
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
