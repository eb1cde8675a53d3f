using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>A workflow read whole (its phases, its tasks and all their attempts), consistent in one read transaction.</summary>
internal static class WorkflowContentsQuery
{
    /// <summary>The workflow's contents, or null if there is no such workflow.</summary>
    public static async Task<WorkflowContents?> ReadAsync(SqliteConnection connection, string workflowId, CancellationToken cancellationToken)
    {
        // One read transaction, so the workflow, its tasks and their attempts agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sqliteTransaction = (SqliteTransaction)transaction;
        await using var byId = Command(connection, WorkflowRows.ByIdSql, sqliteTransaction).With("$id", workflowId);
        var workflow = await WorkflowRows.ReadOneAsync(byId, cancellationToken);
        if (workflow is null)
        {
            return null;
        }

        await using var phasesQuery = Command(connection, WorkflowRows.PhasesSql, sqliteTransaction).With("$id", workflowId);
        var phases = await WorkflowRows.ReadPhasesAsync(phasesQuery, cancellationToken);
        var tasks = new List<TaskRecord>();
        await using (var command = Command(connection, $"SELECT {TaskRows.Columns} FROM tasks WHERE workflow_id = $id ORDER BY seq", sqliteTransaction).With("$id", workflowId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tasks.Add(TaskRows.Read(reader));
            }
        }

        var attempts = new Dictionary<string, List<AttemptRecord>>(StringComparer.Ordinal);
        await using (var command = Command(
            connection,
            $"SELECT {AttemptRows.Columns} FROM attempts WHERE task_seq IN (SELECT seq FROM tasks WHERE workflow_id = $id) ORDER BY task_seq, number",
            sqliteTransaction).With("$id", workflowId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var attempt = AttemptRows.Read(reader);
                if (!attempts.TryGetValue(attempt.Key.TaskId, out var list))
                {
                    attempts[attempt.Key.TaskId] = list = [];
                }

                list.Add(attempt);
            }
        }

        return new WorkflowContents(workflow, phases, tasks, attempts.ToDictionary(p => p.Key, p => (IReadOnlyList<AttemptRecord>)p.Value));
    }
}
