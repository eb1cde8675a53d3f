using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The workflow list query, newest first, each workflow with the counts of its phases and tasks by progress.</summary>
internal static class WorkflowListing
{
    /// <summary>One page of workflows matching <paramref name="query"/>.</summary>
    public static async Task<IReadOnlyList<WorkflowSummary>> ReadAsync(SqliteConnection connection, WorkflowQuery query, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {WorkflowRows.Columns},
                (SELECT count(*) FROM phases p WHERE p.workflow_id = w.id),
                (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id),
                (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status IN ('completed', 'failed', 'cancelled', 'timed_out')),
                (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status = 'completed'),
                (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status = 'running')
            FROM workflows w {(query.Status is null ? string.Empty : "WHERE w.status = $status")}
            ORDER BY w.seq DESC LIMIT $limit
            """;
        await using var command = Command(connection, sql).With("$status", query.Status?.ToWire()).With("$limit", query.Limit);
        var list = new List<WorkflowSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new WorkflowSummary(WorkflowRows.Read(reader), reader.GetInt32(WorkflowRows.ColumnCount), reader.GetInt32(WorkflowRows.ColumnCount + 1), reader.GetInt32(WorkflowRows.ColumnCount + 2),
                reader.GetInt32(WorkflowRows.ColumnCount + 3), reader.GetInt32(WorkflowRows.ColumnCount + 4)));
        }

        return list;
    }
}
