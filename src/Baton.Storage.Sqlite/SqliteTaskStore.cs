using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The task side of the SQLite store: queuing, reading, listing, cancel and manual retry.</summary>
public sealed class SqliteTaskStore : ITaskStore, IAsyncDisposable
{
    private static readonly string CancellableNow = SourcesOf(TaskState.Cancelled);
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteTaskStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    internal SqliteTaskStore(SqliteDatabase database) => this.database = database;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(database.Options.DatabasePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return database.RunAsync(
            async connection =>
            {
                await SchemaMigrator.MigrateAsync(connection, database.Options.DatabasePath, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EnqueueResult> EnqueueAsync(string id, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                if (definition.IdempotencyKey is { } key)
                {
                    var find = session.Command($"SELECT {TaskRows.Columns} FROM tasks WHERE idempotency_key = $key").With("$key", key);
                    if (await TaskRows.ReadOneAsync(find, cancellationToken) is { } existing)
                    {
                        return new EnqueueResult(existing, Created: false);
                    }
                }

                var insert = session.Command(InsertSql);
                insert.With("$id", id).With("$name", definition.Name).With("$runner", definition.Runner)
                    .With("$program", definition.Program).With("$arguments", StoreJson.List(definition.Arguments))
                    .With("$agent", definition.AgentName).With("$instructions", definition.Instructions).With("$model", definition.Model)
                    .With("$cwd", definition.WorkingDirectory).With("$env", StoreJson.Map(definition.Environment))
                    .With("$priority", (int)definition.Priority).With("$timeout", definition.TimeoutSeconds)
                    .With("$maxRetries", definition.MaxRetries).With("$backoff", definition.RetryBackoff.ToWire())
                    .With("$retryTimeout", definition.RetryOnTimeout ? 1 : 0).With("$tags", StoreJson.List(definition.Tags))
                    .With("$metadata", StoreJson.Map(definition.Metadata)).With("$runAt", Db(definition.RunAt))
                    .With("$key", definition.IdempotencyKey).With("$status", TaskState.Pending.ToWire())
                    .With("$now", ToUnixMs(now)).With("$due", ToUnixMs(definition.RunAt ?? now))
                    .With("$agentSpec", StoreJson.Agent(definition.Agent))
                    .With("$worktree", definition.Worktree ? 1 : 0).With("$keepWorktree", definition.KeepWorktree ? 1 : 0);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                foreach (var tag in definition.Tags.Distinct(StringComparer.Ordinal))
                {
                    var tagInsert = session.Command("INSERT INTO task_tags (tag, task_seq) SELECT $tag, seq FROM tasks WHERE id = $id");
                    await tagInsert.With("$tag", tag).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
                }

                // The row as stored, without reading it back (times at the store's millisecond precision).
                var stored = FromUnixMs(ToUnixMs(now));
                var task = new TaskRecord
                {
                    Id = id,
                    Definition = definition with { RunAt = definition.RunAt is { } runAt ? FromUnixMs(ToUnixMs(runAt)) : null },
                    Status = TaskState.Pending,
                    CreatedAt = stored,
                    UpdatedAt = stored,
                    DueAt = definition.RunAt is { } due ? FromUnixMs(ToUnixMs(due)) : stored,
                };
                return new EnqueueResult(task, Created: true);
            },
            cancellationToken);

    private const string InsertSql = """
        INSERT INTO tasks (id, name, runner, program, arguments, agent_name, instructions, model, working_directory, environment,
            priority, timeout_seconds, max_retries, retry_backoff, retry_on_timeout, tags, metadata, run_at, idempotency_key,
            status, created_at, updated_at, due_at, agent, worktree, keep_worktree)
        VALUES ($id, $name, $runner, $program, $arguments, $agent, $instructions, $model, $cwd, $env,
            $priority, $timeout, $maxRetries, $backoff, $retryTimeout, $tags, $metadata, $runAt, $key,
            $status, $now, $now, $due, $agentSpec, $worktree, $keepWorktree)
        """;

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskRows.GetAsync(connection, id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<string>>(
            async connection =>
            {
                // A range scan on the unique id index; the prefix holds only id characters, so no escaping is needed.
                await using var command = Command(connection, "SELECT id FROM tasks WHERE id >= $low AND id < $high ORDER BY id LIMIT $limit")
                    .With("$low", prefix).With("$high", prefix + "\uffff").With("$limit", limit);
                var ids = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string taskId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AttemptRecord>>(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {AttemptRows.Columns} FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) ORDER BY number").With("$id", taskId);
                var attempts = new List<AttemptRecord>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    attempts.Add(AttemptRows.Read(reader));
                }

                return attempts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<TaskRecord>>(
            async connection =>
            {
                var sql = $"SELECT {TaskRows.Columns} FROM tasks WHERE 1 = 1"
                    // The status index leaves out completed tasks; SQLite uses it only if the query says so itself.
                    + (query.Status is null ? string.Empty : query.Status == TaskState.Completed ? " AND status = $status" : " AND status = $status AND status <> 'completed'")
                    + (query.Tag is null ? string.Empty : " AND seq IN (SELECT task_seq FROM task_tags WHERE tag = $tag)")
                    + " ORDER BY seq DESC LIMIT $limit";
                await using var command = Command(connection, sql)
                    .With("$status", query.Status?.ToWire()).With("$tag", query.Tag).With("$limit", query.Limit);
                var tasks = new List<TaskRecord>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    tasks.Add(TaskRows.Read(reader));
                }

                return tasks;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<CancelResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.GetAsync(session, id, cancellationToken);
                if (task is null)
                {
                    return new CancelResult(CancelOutcome.NotFound, null);
                }

                if (task.Status.IsTerminal())
                {
                    return new CancelResult(CancelOutcome.AlreadyEnded, task);
                }

                var running = task.Status == TaskState.Running;
                var sql = running
                    ? "UPDATE tasks SET cancel_requested = 1, updated_at = $now WHERE id = $id AND status = 'running'"
                    : $"UPDATE tasks SET status = 'cancelled', error = 'cancelled before it ran', completed_at = $now, updated_at = $now WHERE id = $id AND status IN ({CancellableNow})";
                var update = session.Command(sql).With("$id", id).With("$now", ToUnixMs(now));
                await update.ExecuteNonQueryAsync(cancellationToken);
                var after = await TaskRows.GetAsync(session, id, cancellationToken);
                return new CancelResult(running ? CancelOutcome.Requested : CancelOutcome.Cancelled, after);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> ContinueAsync(string id, string followUp, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.GetAsync(session, id, cancellationToken);
                if (task is null)
                {
                    return new RequeueResult(RequeueOutcome.NotFound, null);
                }

                if (!task.Status.IsTerminal())
                {
                    return new RequeueResult(RequeueOutcome.NotRetryable, task);
                }

                await session.Command(
                    """
                    UPDATE tasks SET status = 'pending', due_at = $now, updated_at = $now, completed_at = NULL, result = NULL,
                        error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = $followUp
                    WHERE id = $id
                    """).With("$id", id).With("$now", ToUnixMs(now)).With("$followUp", followUp).ExecuteNonQueryAsync(cancellationToken);
                return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> RequeueAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.GetAsync(session, id, cancellationToken);
                if (task is null)
                {
                    return new RequeueResult(RequeueOutcome.NotFound, null);
                }

                if (task.Status is not (TaskState.Failed or TaskState.Cancelled or TaskState.TimedOut))
                {
                    return new RequeueResult(RequeueOutcome.NotRetryable, task);
                }

                var update = session.Command(
                    """
                    UPDATE tasks SET status = 'pending', due_at = $now, updated_at = $now, completed_at = NULL, result = NULL,
                        error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = NULL
                    WHERE id = $id
                    """).With("$id", id).With("$now", ToUnixMs(now));
                await update.ExecuteNonQueryAsync(cancellationToken);
                return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
            },
            cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
