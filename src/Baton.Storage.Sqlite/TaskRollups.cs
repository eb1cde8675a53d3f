using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Seals days of task statistics: rolls up one UTC day's ended tasks into <c>task_rollups</c> and
/// <c>task_rollup_times</c> in one aggregate, and lists the day in <c>task_rollup_days</c>. Triggers unseal a day
/// whose tasks change afterwards, so a sealed day's figures are always those its tasks would give.
/// </summary>
internal static class TaskRollups
{
    public const long DayMs = 86_400_000;

    // One row per task that ended on the day, with its attempts' usage; then the four groupings of it.
    private const string Ended = """
        WITH day_tasks AS MATERIALIZED (
            SELECT t.* FROM tasks t INDEXED BY ix_tasks_ended
            WHERE t.completed_at >= $from AND t.completed_at < $until AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        ),
        usage AS (
            SELECT a.task_seq,
                sum(coalesce(json_extract(a.details, '$.cost_usd'), 0)) AS cost_usd,
                sum((SELECT coalesce(sum(json_extract(m.value, '$.input_tokens')), 0) FROM json_each(a.details, '$.models') m)) AS input_tokens,
                sum((SELECT coalesce(sum(json_extract(m.value, '$.output_tokens')), 0) FROM json_each(a.details, '$.models') m)) AS output_tokens,
                sum((SELECT coalesce(sum(json_extract(m.value, '$.cache_read_tokens')), 0) FROM json_each(a.details, '$.models') m)) AS cache_read_tokens,
                sum((SELECT coalesce(sum(json_extract(m.value, '$.cache_write_tokens')), 0) FROM json_each(a.details, '$.models') m)) AS cache_write_tokens
            FROM attempts a WHERE a.task_seq IN (SELECT seq FROM day_tasks) AND a.details IS NOT NULL GROUP BY a.task_seq
        ),
        ended AS MATERIALIZED (
            SELECT t.agent_name, t.runner, coalesce(wf.name, '') AS workflow_name, t.status, max(t.attempt_count - 1, 0) AS retries,
                coalesce(u.cost_usd, 0) AS cost_usd, coalesce(u.input_tokens, 0) AS input_tokens, coalesce(u.output_tokens, 0) AS output_tokens,
                coalesce(u.cache_read_tokens, 0) AS cache_read_tokens, coalesce(u.cache_write_tokens, 0) AS cache_write_tokens,
                CASE WHEN t.started_at IS NOT NULL THEN max(t.completed_at - t.started_at, 0) END AS duration,
                CASE WHEN t.started_at IS NOT NULL THEN max(t.started_at - max(t.created_at, coalesce(t.run_at, t.created_at)), 0) END AS wait
            FROM day_tasks t LEFT JOIN workflows wf ON wf.id = t.workflow_id LEFT JOIN usage u ON u.task_seq = t.seq
        ),
        grouped AS (
            SELECT 0 AS dim, '' AS value, e.* FROM ended e
            UNION ALL SELECT 1, coalesce(e.agent_name, ''), e.* FROM ended e
            UNION ALL SELECT 2, e.workflow_name, e.* FROM ended e
            UNION ALL SELECT 3, e.runner, e.* FROM ended e
        )
        """;

    private static readonly string Seal = $"""
        DELETE FROM task_rollups WHERE day = $day;
        DELETE FROM task_rollup_times WHERE day = $day;
        {Ended}
        INSERT INTO task_rollups (day, dim, value, runs, succeeded, failed, cancelled, retries,
            cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
        SELECT $day, dim, value, count(*), sum(status = 'completed'), sum(status IN ('failed', 'timed_out')), sum(status = 'cancelled'), sum(retries),
            sum(cost_usd), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
        FROM grouped GROUP BY dim, value;
        {Ended}
        INSERT INTO task_rollup_times (day, dim, value, kind, bucket, n)
        SELECT $day, dim, value, kind, bucket, count(*) FROM (
            SELECT dim, value, 0 AS kind, {TaskStatsQuery.BucketSql("duration")} AS bucket FROM grouped WHERE duration IS NOT NULL
            UNION ALL SELECT dim, value, 1, {TaskStatsQuery.BucketSql("wait")} FROM grouped WHERE wait IS NOT NULL)
        GROUP BY dim, value, kind, bucket;
        INSERT INTO task_rollup_days (day) VALUES ($day) ON CONFLICT (day) DO NOTHING;
        """;

    /// <summary>The days of <paramref name="first"/> to <paramref name="last"/> that are not sealed.</summary>
    public static async Task<IReadOnlyList<long>> UnsealedAsync(SqliteConnection connection, long first, long last, CancellationToken cancellationToken)
    {
        var sealedDays = new HashSet<long>();
        await using var command = Command(connection, "SELECT day FROM task_rollup_days WHERE day BETWEEN $first AND $last")
            .With("$first", first).With("$last", last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sealedDays.Add(reader.GetInt64(0));
        }

        var days = new List<long>();
        for (var day = first; day <= last; day++)
        {
            if (!sealedDays.Contains(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>Rolls up <paramref name="day"/> and marks it sealed, in the session's transaction.</summary>
    public static async Task SealAsync(WriteSession session, long day, CancellationToken cancellationToken) =>
        await session.Command(Seal).With("$day", day).With("$from", day * DayMs).With("$until", (day + 1) * DayMs)
            .ExecuteNonQueryAsync(cancellationToken);
}
