using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The failed and timed-out tasks of a window, grouped by status and error text, largest groups first.</summary>
internal static class FailureGroupsQuery
{
    private const string Sql = """
        SELECT t.status, t.error, count(*)::integer, (array_agg(t.id ORDER BY t.completed_at DESC, t.seq DESC))[1]
        FROM tasks t
        WHERE t.completed_at >= @since AND t.status IN ('failed', 'timed_out')
        GROUP BY t.status, t.error
        ORDER BY count(*) DESC, t.status, t.error NULLS FIRST
        LIMIT @limit
        """;

    public static async Task<IReadOnlyList<TaskFailureGroup>> ReadAsync(NpgsqlConnection connection, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, Sql).With("@since", ToUnixMs(since)).With("@limit", limit);
        var groups = new List<TaskFailureGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new TaskFailureGroup(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return groups;
    }
}
