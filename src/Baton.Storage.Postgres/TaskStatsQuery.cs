using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Task statistics in one statement: the tasks that ended in a window, their percentiles, and their attempts' usage.</summary>
internal static class TaskStatsQuery
{
    // percentile_disc is nearest-rank, as the SQLite store computes it by hand. Usage is summed per group apart from the
    // counts, so a task with several attempts is still counted once in the counts and percentiles.
    private const string Template = """
        WITH ended AS MATERIALIZED (
            SELECT {key} AS key, t.seq, t.status, greatest(t.attempt_count - 1, 0) AS retries,
                CASE WHEN t.started_at IS NOT NULL THEN t.completed_at - t.started_at END AS duration,
                CASE WHEN t.started_at IS NOT NULL THEN greatest(t.started_at - greatest(t.created_at, coalesce(t.run_at, t.created_at)), 0) END AS wait
            FROM tasks t {join}
            WHERE t.completed_at >= @since AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        ),
        counts AS (
            SELECT key, count(*)::integer AS runs, (count(*) FILTER (WHERE status = 'completed'))::integer AS succeeded,
                (count(*) FILTER (WHERE status IN ('failed', 'timed_out')))::integer AS failed, (count(*) FILTER (WHERE status = 'cancelled'))::integer AS cancelled,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY duration) AS d50, percentile_disc(0.95) WITHIN GROUP (ORDER BY duration) AS d95,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS w50, percentile_disc(0.95) WITHIN GROUP (ORDER BY wait) AS w95,
                sum(retries)::bigint AS retries
            FROM ended GROUP BY key
        ),
        usage AS (
            SELECT e.key, coalesce(sum((a.details::jsonb ->> 'cost_usd')::numeric), 0) AS cost,
                coalesce(sum(u.input), 0)::bigint AS input, coalesce(sum(u.output), 0)::bigint AS output,
                coalesce(sum(u.cache_read), 0)::bigint AS cache_read, coalesce(sum(u.cache_write), 0)::bigint AS cache_write
            FROM ended e
            JOIN attempts a ON a.task_seq = e.seq AND a.details IS NOT NULL
            LEFT JOIN LATERAL (
                SELECT sum((m.value ->> 'input_tokens')::bigint) AS input, sum((m.value ->> 'output_tokens')::bigint) AS output,
                    sum((m.value ->> 'cache_read_tokens')::bigint) AS cache_read, sum((m.value ->> 'cache_write_tokens')::bigint) AS cache_write
                FROM jsonb_each(coalesce(a.details::jsonb -> 'models', '{}'::jsonb)) m
            ) u ON true
            GROUP BY e.key
        )
        SELECT c.key, c.runs, c.succeeded, c.failed, c.cancelled, c.d50, c.d95, c.w50, c.w95, c.retries,
            coalesce(u.cost, 0), coalesce(u.input, 0), coalesce(u.output, 0), coalesce(u.cache_read, 0), coalesce(u.cache_write, 0)
        FROM counts c
        LEFT JOIN usage u ON u.key IS NOT DISTINCT FROM c.key
        ORDER BY c.key NULLS FIRST
        """;

    public static async Task<IReadOnlyList<TaskStatsGroup>> ReadAsync(NpgsqlConnection connection, DateTimeOffset since, StatsGrouping by, CancellationToken cancellationToken)
    {
        var (key, join) = by switch
        {
            StatsGrouping.Agent => ("t.agent_name", ""),
            StatsGrouping.Workflow => ("wf.name", "LEFT JOIN workflows wf ON wf.id = t.workflow_id"),
            StatsGrouping.Runner => ("t.runner", ""),
            StatsGrouping.Day => ("to_char(to_timestamp(t.completed_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')", ""),
            _ => ("NULL::text", ""),
        };
        await using var command = Command(connection, Template.Replace("{key}", key).Replace("{join}", join)).With("@since", ToUnixMs(since));
        var groups = new List<TaskStatsGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new TaskStatsGroup(
                reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7), Nullable(reader, 8), reader.GetInt64(9),
                reader.GetDecimal(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14)));
        }

        return groups;
    }

    private static long? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
