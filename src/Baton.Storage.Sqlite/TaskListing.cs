using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The task list query, newest first: each filter is chosen so that SQLite reads an index in seq order and stops at
/// the page's end, however many tasks there are.
/// </summary>
internal static class TaskListing
{
    /// <summary>
    /// How far creation times may run out of seq order (concurrent writers take their clock before the write lock)
    /// and still be found by a time filter, which is turned into a range of seq.
    /// </summary>
    private const long ClockSlackMs = 60_000;

    public static async Task<IReadOnlyList<TaskRecord>> ReadAsync(SqliteConnection connection, TaskQuery query, CancellationToken cancellationToken)
    {
        var statuses = query.Statuses;
        var narrowed = statuses.Count > 0 || query.Tag is not null || query.WorkflowId is not null || query.AgentName is not null || query.CreatedBy is not null;
        // A name search with nothing narrower reads the thin (seq, name) index backwards rather than the wide rows.
        var from = query.NameContains is not null && !narrowed ? "tasks INDEXED BY ix_tasks_names" : "tasks";
        var sql = $"SELECT {TaskRows.Columns} FROM {from} WHERE 1 = 1"
            + (statuses.Count == 0 ? string.Empty : $" AND status IN ({string.Join(", ", statuses.Select((_, i) => $"$status{i}"))})")
            // The status index leaves out completed tasks; SQLite uses it only if the query says so itself.
            + (statuses.Count == 0 || statuses.Contains(TaskState.Completed) ? string.Empty : " AND status <> 'completed'")
            + (query.Tag is null ? string.Empty : " AND seq IN (SELECT task_seq FROM task_tags WHERE tag = $tag)")
            + (query.WorkflowId is null ? string.Empty : " AND workflow_id = $workflow")
            + (query.AgentName is null ? string.Empty : " AND agent_name = $agent")
            + (query.CreatedBy is null ? string.Empty : " AND created_by = $createdBy")
            + (query.NameContains is null ? string.Empty : @" AND name LIKE $name ESCAPE '\'")
            // Creation times grow with seq, so a time bound is also a seq bound found in the created_at index: the
            // scan starts and stops there instead of reading every older task to find none.
            + (query.CreatedFrom is null ? string.Empty
                : " AND created_at >= $from AND seq >= (SELECT seq FROM tasks WHERE created_at >= $from - $slack ORDER BY created_at LIMIT 1)")
            + (query.CreatedBefore is null ? string.Empty
                : " AND created_at < $before AND seq <= (SELECT seq FROM tasks WHERE created_at < $before + $slack ORDER BY created_at DESC LIMIT 1)")
            // Paging by seq (the rowid): each page is a range read of the same index, however deep it is.
            + (query.AfterId is null ? string.Empty : " AND seq < (SELECT seq FROM tasks WHERE id = $after)")
            + " ORDER BY seq DESC LIMIT $limit";
        await using var command = Command(connection, sql)
            .With("$tag", query.Tag).With("$workflow", query.WorkflowId).With("$agent", query.AgentName).With("$createdBy", query.CreatedBy)
            .With("$name", query.NameContains is { } name ? $"%{Escape(name)}%" : null)
            .With("$from", Db(query.CreatedFrom)).With("$before", Db(query.CreatedBefore)).With("$slack", ClockSlackMs)
            .With("$after", query.AfterId).With("$limit", query.Limit);
        for (var i = 0; i < statuses.Count; i++)
        {
            command.With($"$status{i}", statuses[i].ToWire());
        }

        var tasks = new List<TaskRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(TaskRows.Read(reader));
        }

        return tasks;
    }

    /// <summary>The text as a LIKE pattern matches it literally: its own % and _ are not wildcards.</summary>
    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
