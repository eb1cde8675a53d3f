using System.Globalization;
using Baton.Core.Stats;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Task statistics over a window: sealed days from the daily roll-ups (<see cref="TaskRollups"/>), and the rest of the
/// window (its first, partial day; yesterday and today; any day not sealed) from the tasks themselves. A month over a
/// million tasks thus reads a few thousand roll-up rows and about three days of tasks.
/// </summary>
internal static class TaskStatsQuery
{
    private const long DayMs = TaskRollups.DayMs;

    // Part of the window from the tasks themselves: counts and usage per group, and durations per bucket.
    private const string EdgeTemplate = """
        WITH ended AS (
            SELECT {key} AS key, t.seq, t.status, max(t.attempt_count - 1, 0) AS retries,
                CASE WHEN t.started_at IS NOT NULL THEN max(t.completed_at - t.started_at, 0) END AS duration,
                CASE WHEN t.started_at IS NOT NULL THEN max(t.started_at - max(t.created_at, coalesce(t.run_at, t.created_at)), 0) END AS wait
            FROM tasks t INDEXED BY ix_tasks_ended {join}
            WHERE t.completed_at >= $since AND t.completed_at < $until AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
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
        SELECT 0, c.key, c.runs, c.succeeded, c.failed, c.cancelled, c.retries,
            coalesce(u.cost, 0), coalesce(u.input, 0), coalesce(u.output, 0), coalesce(u.cache_read, 0), coalesce(u.cache_write, 0)
        FROM counts c LEFT JOIN usage u ON u.key IS c.key
        UNION ALL
        SELECT 1, key, kind, bucket, count(*), 0, 0, 0, 0, 0, 0, 0
        FROM (SELECT key, 0 AS kind, {durationBucket} AS bucket FROM ended WHERE duration IS NOT NULL
              UNION ALL SELECT key, 1, {waitBucket} FROM ended WHERE wait IS NOT NULL)
        GROUP BY key, kind, bucket
        """;

    // Sealed days from the roll-ups; {value} is the group's key column (the day itself when grouping by day).
    private const string RollupTemplate = """
        SELECT 0, {value}, sum(runs), sum(succeeded), sum(failed), sum(cancelled), sum(retries),
            sum(cost_usd), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
        FROM task_rollups r WHERE r.day IN (SELECT day FROM task_rollup_days WHERE day BETWEEN $first AND $last) AND r.dim = $dim
        GROUP BY {value}
        UNION ALL
        SELECT 1, {value}, kind, bucket, sum(n), 0, 0, 0, 0, 0, 0, 0
        FROM task_rollup_times r WHERE r.day IN (SELECT day FROM task_rollup_days WHERE day BETWEEN $first AND $last) AND r.dim = $dim
        GROUP BY {value}, kind, bucket
        """;

    public static async Task<IReadOnlyList<TaskStatsGroup>> ReadAsync(SqliteConnection connection, StatsWindow window, StatsGrouping by, CancellationToken cancellationToken)
    {
        // One snapshot: a day unsealed while this reads is read either way, never both.
        await using var snapshot = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var accumulator = new TaskStatsAccumulator();
        var sealedDays = window.SealableDays
            ? await SealedDaysAsync(connection, snapshot, window, cancellationToken)
            : [];

        var (key, join) = EdgeKey(by);
        var edge = EdgeTemplate.Replace("{key}", key).Replace("{join}", join)
            .Replace("{durationBucket}", BucketSql("duration")).Replace("{waitBucket}", BucketSql("wait"));
        foreach (var (from, until) in UnsealedRanges(window.SinceMs, sealedDays))
        {
            await using var command = Command(connection, edge, snapshot).With("$since", from).With("$until", until);
            await ReadPiecesAsync(command, by, dayKeys: false, accumulator, cancellationToken);
        }

        if (sealedDays.Count > 0)
        {
            var (dim, value) = RollupKey(by);
            await using var rollups = Command(connection, RollupTemplate.Replace("{value}", value), snapshot)
                .With("$dim", dim).With("$first", window.FirstFullDay).With("$last", window.LastSealableDay);
            await ReadPiecesAsync(rollups, by, dayKeys: by == StatsGrouping.Day, accumulator, cancellationToken);
        }

        return accumulator.Groups();
    }

    private static async Task<List<long>> SealedDaysAsync(SqliteConnection connection, SqliteTransaction snapshot, StatsWindow window, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT day FROM task_rollup_days WHERE day BETWEEN $first AND $last ORDER BY day", snapshot)
            .With("$first", window.FirstFullDay).With("$last", window.LastSealableDay);
        var days = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(reader.GetInt64(0));
        }

        return days;
    }

    /// <summary>The stretches of the window, in Unix milliseconds, that no sealed day covers; the last runs on.</summary>
    private static IEnumerable<(long From, long Until)> UnsealedRanges(long sinceMs, List<long> sealedDays)
    {
        var start = sinceMs;
        foreach (var day in sealedDays)
        {
            if (day * DayMs > start)
            {
                yield return (start, day * DayMs);
            }

            start = (day + 1) * DayMs;
        }

        yield return (start, long.MaxValue);
    }

    /// <summary>Reads rows of counts (first column 0) and of durations per bucket (1) into the accumulator.</summary>
    private static async Task ReadPiecesAsync(SqliteCommand command, StatsGrouping by, bool dayKeys, TaskStatsAccumulator accumulator, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = dayKeys ? DayKey(reader.GetInt64(1)) : GroupKey(reader, by);
            if (reader.GetInt32(0) == 1)
            {
                accumulator.AddTime(key, wait: reader.GetInt32(2) == 1, reader.GetInt64(3), reader.GetInt64(4));
                continue;
            }

            accumulator.AddCounts(key, new TaskStatsGroup(
                key, reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), null, null, null, null, reader.GetInt64(6),
                (decimal)reader.GetDouble(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11)));
        }
    }

    // The roll-ups keep "none" as ''; the edge query gives null.
    private static string? GroupKey(SqliteDataReader reader, StatsGrouping by) =>
        by == StatsGrouping.None || reader.IsDBNull(1) || reader.GetString(1).Length == 0 ? null : reader.GetString(1);

    private static string DayKey(long day) => FromUnixMs(day * DayMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string Key, string Join) EdgeKey(StatsGrouping by) => by switch
    {
        StatsGrouping.Agent => ("t.agent_name", ""),
        StatsGrouping.Workflow => ("wf.name", "LEFT JOIN workflows wf ON wf.id = t.workflow_id"),
        StatsGrouping.Runner => ("t.runner", ""),
        StatsGrouping.Day => ("strftime('%Y-%m-%d', t.completed_at / 1000, 'unixepoch')", ""),
        _ => ("NULL", ""),
    };

    // The dimension numbers of the roll-up tables: 0 the whole, 1 agent, 2 workflow name, 3 runner.
    private static (int Dim, string Value) RollupKey(StatsGrouping by) => by switch
    {
        StatsGrouping.Agent => (1, "value"),
        StatsGrouping.Workflow => (2, "value"),
        StatsGrouping.Runner => (3, "value"),
        StatsGrouping.Day => (0, "day"),
        _ => (0, "value"),
    };

    /// <summary>SQL for <see cref="DurationBuckets.Of"/>.</summary>
    public static string BucketSql(string v) =>
        $"CASE WHEN {v} < 1000 THEN {v} WHEN {v} < 10000 THEN {v} / 10 * 10 WHEN {v} < 100000 THEN {v} / 100 * 100 "
        + $"WHEN {v} < 1000000 THEN {v} / 1000 * 1000 WHEN {v} < 10000000 THEN {v} / 10000 * 10000 WHEN {v} < 100000000 THEN {v} / 100000 * 100000 "
        + $"WHEN {v} < 1000000000 THEN {v} / 1000000 * 1000000 ELSE {v} / 10000000 * 10000000 END";
}
