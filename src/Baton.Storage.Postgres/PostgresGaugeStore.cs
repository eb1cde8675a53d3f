using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The cluster's gauges from PostgreSQL: each query reads only a partial index's rows, however many tasks ended.</summary>
internal sealed class PostgresGaugeStore(PostgresDatabase database) : IGaugeStore
{
    // "status <> 'completed'" is the partial index's own predicate, so the planner may use it for the live statuses.
    private const string Sql = """
        SELECT 't', status, agent_name, runner, priority, blocked, count(*), 0
        FROM tasks
        WHERE status <> 'completed' AND status IN ('pending', 'retrying', 'running', 'input_required', 'paused')
        GROUP BY status, agent_name, runner, priority, blocked
        UNION ALL
        SELECT 'i', kind, NULL, '', 0, 0, count(*), min(created_at) FROM interactions WHERE status = 'open' GROUP BY kind
        UNION ALL
        SELECT 'd', '', NULL, '', 0, 0, count(*), 0 FROM webhook_deliveries WHERE status = 'pending'
        """;

    /// <inheritdoc />
    public Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                // One statement, so one snapshot: the figures describe the same moment.
                var tasks = new List<LiveTaskCount>();
                var interactions = new List<OpenInteractionCount>();
                long deliveries = 0;
                await using var command = Command(connection, Sql);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    switch (reader.GetString(0))
                    {
                        case "t":
                            tasks.Add(new LiveTaskCount(
                                reader.GetString(1), reader.GetStringOrNull(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5) != 0, reader.GetInt64(6)));
                            break;
                        case "i":
                            interactions.Add(new OpenInteractionCount(reader.GetString(1), reader.GetInt64(6), FromUnixMs(reader.GetInt64(7))));
                            break;
                        default:
                            deliveries = reader.GetInt64(6);
                            break;
                    }
                }

                return new StoreGauges(tasks, interactions, deliveries);
            },
            cancellationToken);
}
