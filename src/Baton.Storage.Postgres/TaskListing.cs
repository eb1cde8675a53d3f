using Baton.Core.Storage;
using Baton.Core.Tasks;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// The task list query, newest first: each filter is chosen so that PostgreSQL reads an index in seq order and stops
/// at the page's end, however many tasks there are.
/// </summary>
internal static class TaskListing
{
    /// <summary>
    /// How far creation times may run out of seq order (nodes' clocks, writers taking their time before the insert)
    /// and still be found by a time filter, which is turned into a range of seq.
    /// </summary>
    private const long ClockSlackMs = 60_000;

    public static async Task<IReadOnlyList<TaskRecord>> ReadAsync(NpgsqlConnection connection, TaskQuery query, CancellationToken cancellationToken)
    {
        var statuses = query.Statuses;
        var sql = $"SELECT {TaskRows.Columns} FROM tasks WHERE 1 = 1"
            + (statuses.Count == 0 ? string.Empty : " AND status = ANY (@statuses)")
            // The status index leaves out completed tasks; PostgreSQL uses it only if the query says so itself.
            + (statuses.Count == 0 || statuses.Contains(TaskState.Completed) ? string.Empty : " AND status <> 'completed'")
            + (query.Tag is null ? string.Empty : " AND seq IN (SELECT task_seq FROM task_tags WHERE tag = @tag)")
            + (query.WorkflowId is null ? string.Empty : " AND workflow_id = @workflow")
            + (query.AgentName is null ? string.Empty : " AND agent_name = @agent")
            + (query.CreatedBy is null ? string.Empty : " AND created_by = @createdBy")
            // lower() LIKE rather than ILIKE: the planner then expects matches and reads seq backwards, stopping at a page.
            + (query.NameContains is null ? string.Empty : @" AND lower(name) LIKE lower(@name) ESCAPE '\'")
            // Creation times grow with seq, so a time bound is also a seq bound found in the created_at index: the
            // scan starts and stops there instead of reading every older task to find none.
            + (query.CreatedFrom is null ? string.Empty
                : " AND created_at >= @from AND seq >= (SELECT seq FROM tasks WHERE created_at >= @from - @slack ORDER BY created_at LIMIT 1)")
            + (query.CreatedBefore is null ? string.Empty
                : " AND created_at < @before AND seq <= (SELECT seq FROM tasks WHERE created_at < @before + @slack ORDER BY created_at DESC LIMIT 1)")
            // Paging by seq: each page is a range read of the same index, however deep it is.
            + (query.AfterId is null ? string.Empty : " AND seq < (SELECT seq FROM tasks WHERE id = @after)")
            + " ORDER BY seq DESC LIMIT @limit";
        await using var command = Command(connection, sql)
            .With("@statuses", [.. statuses.Select(s => s.ToWire())])
            .With("@tag", query.Tag).With("@workflow", query.WorkflowId).With("@agent", query.AgentName).With("@createdBy", query.CreatedBy)
            .With("@name", query.NameContains is { } name ? $"%{Escape(name)}%" : null)
            .With("@from", ToUnixMs(query.CreatedFrom)).With("@before", ToUnixMs(query.CreatedBefore)).With("@slack", ClockSlackMs)
            .With("@after", query.AfterId).With("@limit", query.Limit);
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
