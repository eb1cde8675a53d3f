using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>Agents' recent runs in one query: the tasks that ended in the window, joined to their attempts' run details.</summary>
internal static class AgentStatsQuery
{
    // Tasks are counted once each (an attempt row per try would count them again); usage is summed over attempts.
    // The window's index is named: left to itself, SQLite reads every agent task in name order to spare the grouping sort.
    private const string Sql = """
        SELECT t.agent_name,
            count(DISTINCT t.seq),
            count(DISTINCT CASE WHEN t.status = 'completed' THEN t.seq END),
            count(DISTINCT CASE WHEN t.status IN ('failed', 'timed_out') THEN t.seq END),
            coalesce(sum(json_extract(a.details, '$.cost_usd')), 0),
            coalesce(sum((SELECT sum(json_extract(m.value, '$.input_tokens')) FROM json_each(a.details, '$.models') m)), 0),
            coalesce(sum((SELECT sum(json_extract(m.value, '$.output_tokens')) FROM json_each(a.details, '$.models') m)), 0),
            coalesce(sum((SELECT sum(json_extract(m.value, '$.cache_read_tokens')) FROM json_each(a.details, '$.models') m)), 0),
            coalesce(sum((SELECT sum(json_extract(m.value, '$.cache_write_tokens')) FROM json_each(a.details, '$.models') m)), 0)
        FROM tasks t INDEXED BY ix_tasks_agent_ended
        LEFT JOIN attempts a ON a.task_seq = t.seq AND a.details IS NOT NULL
        WHERE t.agent_name IS NOT NULL AND t.completed_at >= $since AND t.status IN ('completed', 'failed', 'timed_out', 'cancelled')
        GROUP BY t.agent_name
        ORDER BY t.agent_name
        """;

    public static async Task<IReadOnlyList<AgentRunStats>> ReadAsync(SqliteConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, Sql).With("$since", ToUnixMs(since));
        var stats = new List<AgentRunStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new AgentRunStats(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), Math.Round((decimal)reader.GetDouble(4), 6),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return stats;
    }
}
