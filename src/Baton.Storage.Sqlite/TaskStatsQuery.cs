using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>Task statistics in one statement: the tasks that ended in a window, their percentiles, and their attempts' usage.</summary>
internal static class TaskStatsQuery
{
    // Percentiles are nearest-rank: row numbers within each group, and the row at ceil(p·n) picked in one aggregate
    // pass (SQLite has no percentile function). Usage is summed per group from the attempts of the window's tasks, so
    // a task with several attempts is still counted once in the counts and percentiles.
    private const string Template = """
        WITH ended AS (
            SELECT {key} AS key, t.seq, t.status, max(t.attempt_count - 1, 0) AS retries,
                CASE WHEN t.started_at IS NOT NULL THEN t.completed_at - t.started_at END AS duration,
                CASE WHEN t.started_at IS NOT NULL THEN max(t.started_at - max(t.created_at, coalesce(t.run_at, t.created_at)), 0) END AS wait
            FROM tasks t INDEXED BY ix_tasks_ended {join}
            WHERE t.completed_at >= $since AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        ),
        durations AS (
            SELECT key, max(CASE WHEN rn = (n * 50 + 99) / 100 THEN duration END) AS p50, max(CASE WHEN rn = (n * 95 + 99) / 100 THEN duration END) AS p95
            FROM (SELECT key, duration, row_number() OVER (PARTITION BY key ORDER BY duration) AS rn, count(*) OVER (PARTITION BY key) AS n
                FROM ended WHERE duration IS NOT NULL)
            GROUP BY key
        ),
        waits AS (
            SELECT key, max(CASE WHEN rn = (n * 50 + 99) / 100 THEN wait END) AS p50, max(CASE WHEN rn = (n * 95 + 99) / 100 THEN wait END) AS p95
            FROM (SELECT key, wait, row_number() OVER (PARTITION BY key ORDER BY wait) AS rn, count(*) OVER (PARTITION BY key) AS n
                FROM ended WHERE wait IS NOT NULL)
            GROUP BY key
        ),
        usage AS (
            SELECT e.key,
                coalesce(sum(json_extract(a.details, '$.cost_usd')), 0) AS cost,
                coalesce(sum((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m)), 0) AS input,
                coalesce(sum((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m)), 0) AS output,
                coalesce(sum((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m)), 0) AS cache_read,
                coalesce(sum((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m)), 0) AS cache_write
            FROM ended e JOIN attempts a ON a.task_seq = e.seq AND a.details IS NOT NULL
            GROUP BY e.key
        ),
        counts AS (
            SELECT key, count(*) AS runs, sum(status = 'completed') AS succeeded, sum(status IN ('failed', 'timed_out')) AS failed,
                sum(status = 'cancelled') AS cancelled, sum(retries) AS retries
            FROM ended GROUP BY key
        )
        SELECT c.key, c.runs, c.succeeded, c.failed, c.cancelled, d.p50, d.p95, w.p50, w.p95, c.retries,
            coalesce(u.cost, 0), coalesce(u.input, 0), coalesce(u.output, 0), coalesce(u.cache_read, 0), coalesce(u.cache_write, 0)
        FROM counts c
        LEFT JOIN durations d ON d.key IS c.key
        LEFT JOIN waits w ON w.key IS c.key
        LEFT JOIN usage u ON u.key IS c.key
        ORDER BY c.key
        """;

    public static async Task<IReadOnlyList<TaskStatsGroup>> ReadAsync(SqliteConnection connection, DateTimeOffset since, StatsGrouping by, CancellationToken cancellationToken)
    {
        var (key, join) = by switch
        {
            StatsGrouping.Agent => ("t.agent_name", ""),
            StatsGrouping.Workflow => ("wf.name", "LEFT JOIN workflows wf ON wf.id = t.workflow_id"),
            StatsGrouping.Runner => ("t.runner", ""),
            StatsGrouping.Day => ("strftime('%Y-%m-%d', t.completed_at / 1000, 'unixepoch')", ""),
            _ => ("NULL", ""),
        };
        await using var command = Command(connection, Template.Replace("{key}", key).Replace("{join}", join)).With("$since", ToUnixMs(since));
        var groups = new List<TaskStatsGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new TaskStatsGroup(
                reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7), Nullable(reader, 8), reader.GetInt64(9),
                Math.Round((decimal)reader.GetDouble(10), 6), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14)));
        }

        return groups;
    }

    private static long? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
