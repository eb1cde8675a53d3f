using Baton.Core.Text;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// How long workflow tasks of a name usually run: the median of their last completed attempts, for estimating how
/// long a workflow still has to go.
/// </summary>
internal static class TypicalDurationsQuery
{
    /// <summary>The typical duration of each name in <paramref name="taskNames"/> that has completed attempts.</summary>
    public static async Task<IReadOnlyDictionary<string, TimeSpan>> ReadAsync(SqliteConnection connection, IReadOnlyCollection<string> taskNames, CancellationToken cancellationToken)
    {
        var typical = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        await using var command = Command(
            connection,
            """
            SELECT a.ended_at - a.started_at FROM tasks t INDEXED BY ix_tasks_workflow_name JOIN attempts a ON a.task_seq = t.seq
            WHERE t.name = $name AND t.workflow_id IS NOT NULL AND a.status = 'completed'
            ORDER BY t.seq DESC LIMIT 20
            """);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        foreach (var taskName in taskNames)
        {
            name.Value = StoredText.Of(taskName);
            var durations = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                durations.Add(reader.GetInt64(0));
            }

            if (durations.Count > 0)
            {
                durations.Sort();
                typical[taskName] = TimeSpan.FromMilliseconds(durations[durations.Count / 2]);
            }
        }

        return typical;
    }
}
