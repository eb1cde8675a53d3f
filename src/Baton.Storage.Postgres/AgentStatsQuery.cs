using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Agents' recent runs in one query: the tasks that ended in the window, joined to their attempts' run details.</summary>
internal static class AgentStatsQuery
{
    // Tasks are counted once each (an attempt row per try would count them again); usage is summed over attempts.
    private const string Sql = """
        SELECT t.agent_name,
            count(DISTINCT t.seq)::integer,
            (count(DISTINCT t.seq) FILTER (WHERE t.status = 'completed'))::integer,
            (count(DISTINCT t.seq) FILTER (WHERE t.status IN ('failed', 'timed_out')))::integer,
            coalesce(sum((a.details::jsonb ->> 'cost_usd')::numeric), 0),
            coalesce(sum(u.input), 0)::bigint, coalesce(sum(u.output), 0)::bigint, coalesce(sum(u.cache_read), 0)::bigint, coalesce(sum(u.cache_write), 0)::bigint
        FROM tasks t
        LEFT JOIN attempts a ON a.task_seq = t.seq AND a.details IS NOT NULL
        LEFT JOIN LATERAL (
            SELECT sum((m.value ->> 'input_tokens')::bigint) AS input, sum((m.value ->> 'output_tokens')::bigint) AS output,
                sum((m.value ->> 'cache_read_tokens')::bigint) AS cache_read, sum((m.value ->> 'cache_write_tokens')::bigint) AS cache_write
            FROM jsonb_each(coalesce(a.details::jsonb -> 'models', '{}'::jsonb)) m
        ) u ON true
        WHERE t.agent_name IS NOT NULL AND t.completed_at >= @since AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        GROUP BY t.agent_name
        ORDER BY t.agent_name
        """;

    public static async Task<IReadOnlyList<AgentRunStats>> ReadAsync(NpgsqlConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, Sql).With("@since", ToUnixMs(since));
        var stats = new List<AgentRunStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new AgentRunStats(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetDecimal(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return stats;
    }
}
