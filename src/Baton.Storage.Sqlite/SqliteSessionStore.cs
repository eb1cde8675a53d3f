using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Worktrees;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Agent sessions in SQLite: attempts grouped by session_id, read from the attempts' session index (which carries
/// the times, so that ordering every session by its latest activity reads no attempt rows).
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable
{
    // A filter by task or agent picks the sessions first; the latest activity is then over all of their attempts.
    private const string FindSql = """
        SELECT a.session_id, max(coalesce(a.ended_at, a.started_at)) AS last_at
        FROM attempts a INDEXED BY ix_attempts_session
        WHERE a.session_id IS NOT NULL
            AND ($task IS NULL OR a.session_id IN (
                SELECT s.session_id FROM attempts s WHERE s.task_seq = (SELECT seq FROM tasks WHERE id = $task) AND s.session_id IS NOT NULL))
            AND ($agent IS NULL OR a.session_id IN (
                SELECT s.session_id FROM tasks t JOIN attempts s ON s.task_seq = t.seq
                WHERE (t.agent_name = $agent OR (t.agent_name IS NULL AND t.runner = $agent)) AND s.session_id IS NOT NULL))
        GROUP BY a.session_id
        ORDER BY last_at DESC, a.session_id
        LIMIT $limit
        """;

    private static readonly string AttemptsSql = $"""
        SELECT {string.Join(", ", AttemptRows.Columns.Split(',', StringSplitOptions.TrimEntries).Select(c => "a." + c))},
            t.name, t.runner, t.agent_name, t.working_directory, t.worktree, t.worktree_branch
        FROM attempts a INDEXED BY ix_attempts_session JOIN tasks t ON t.seq = a.task_seq
        WHERE a.session_id IN (SELECT value FROM json_each($ids))
        ORDER BY a.started_at, a.task_seq, a.number
        """;

    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteSessionStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindSessionsAsync(SessionQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, FindSql).With("$task", query.TaskId).With("$agent", query.Agent).With("$limit", query.Limit);
                var ids = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }

                return (IReadOnlyList<string>)ids;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionAttempt>> AttemptsInAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, AttemptsSql).With("$ids", StoreJson.List(sessionIds));
                return await ReadAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static async Task<IReadOnlyList<SessionAttempt>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<SessionAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var attempt = AttemptRows.Read(reader);
            // The task's columns follow the attempt's.
            var at = AttemptRows.ColumnCount;
            var name = reader.GetString(at);
            var branch = reader.GetStringOrNull(at + 5) ?? (reader.GetInt64(at + 4) != 0 ? GitWorktrees.BranchFor(attempt.Key.TaskId, name) : null);
            found.Add(new SessionAttempt(reader.GetString(14), name, reader.GetString(at + 1), reader.GetStringOrNull(at + 2), reader.GetString(at + 3), branch, attempt));
        }

        return found;
    }
}
