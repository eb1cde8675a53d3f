using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The failed and timed-out tasks of a window, grouped by status and error text, largest groups first.</summary>
internal static class FailureGroupsQuery
{
    // With max(), SQLite takes the other bare columns from the row holding the maximum: the id is the latest task's.
    private const string Sql = """
        SELECT t.status, t.error, count(*), t.id, max(t.completed_at)
        FROM tasks t INDEXED BY ix_tasks_failed
        WHERE t.completed_at >= $since AND t.status IN ('failed', 'timed_out')
        GROUP BY t.status, t.error
        ORDER BY count(*) DESC, t.status, t.error
        LIMIT $limit
        """;

    public static async Task<IReadOnlyList<TaskFailureGroup>> ReadAsync(SqliteConnection connection, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, Sql).With("$since", ToUnixMs(since)).With("$limit", limit);
        var groups = new List<TaskFailureGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new TaskFailureGroup(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return groups;
    }
}
