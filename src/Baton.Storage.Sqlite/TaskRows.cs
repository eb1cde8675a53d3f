using Baton.Core.Tasks;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The task columns every query selects, and how a row becomes a <see cref="TaskRecord"/>.</summary>
internal static class TaskRows
{
    public const string Columns =
        "id, name, runner, program, arguments, agent_name, instructions, model, working_directory, environment, priority, " +
        "timeout_seconds, max_retries, retry_backoff, retry_on_timeout, tags, metadata, run_at, idempotency_key, status, " +
        "created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, rescue_count, cancel_requested, result, error, agent, follow_up, worktree, keep_worktree";

    public static TaskRecord Read(SqliteDataReader r)
    {
        TaskStates.TryParse(r.GetString(19), out var status);
        RetryBackoffs.TryParse(r.GetString(13), out var backoff);
        return new TaskRecord
        {
            Id = r.GetString(0),
            Definition = new TaskDefinition
            {
                Name = r.GetString(1),
                Runner = r.GetString(2),
                Program = r.GetStringOrNull(3),
                Arguments = StoreJson.ReadList(r.GetString(4)),
                AgentName = r.GetStringOrNull(5),
                Instructions = r.GetStringOrNull(6),
                Model = r.GetStringOrNull(7),
                WorkingDirectory = r.GetString(8),
                Environment = StoreJson.ReadMap(r.GetString(9)),
                Priority = (TaskPriority)r.GetInt32(10),
                TimeoutSeconds = (int?)r.GetInt64OrNull(11),
                MaxRetries = r.GetInt32(12),
                RetryBackoff = backoff,
                RetryOnTimeout = r.GetInt64(14) != 0,
                Tags = StoreJson.ReadList(r.GetString(15)),
                Metadata = StoreJson.ReadMap(r.GetString(16)),
                RunAt = r.GetTimeOrNull(17),
                IdempotencyKey = r.GetStringOrNull(18),
                Agent = StoreJson.ReadAgent(r.GetStringOrNull(31)),
                Worktree = r.GetInt64(33) != 0,
                KeepWorktree = r.GetInt64(34) != 0,
            },
            Status = status,
            CreatedAt = FromUnixMs(r.GetInt64(20)),
            UpdatedAt = FromUnixMs(r.GetInt64(21)),
            DueAt = FromUnixMs(r.GetInt64(22)),
            StartedAt = r.GetTimeOrNull(23),
            CompletedAt = r.GetTimeOrNull(24),
            AttemptCount = r.GetInt32(25),
            FailureCount = r.GetInt32(26),
            RescueCount = r.GetInt32(27),
            CancelRequested = r.GetInt64(28) != 0,
            Result = r.GetStringOrNull(29),
            Error = r.GetStringOrNull(30),
            FollowUp = r.GetStringOrNull(32),
        };
    }

    public static async Task<TaskRecord?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private const string ByIdSql = $"SELECT {Columns} FROM tasks WHERE id = $id";

    public static async Task<TaskRecord?> GetAsync(SqliteConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, ByIdSql).With("$id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    public static Task<TaskRecord?> GetAsync(WriteSession session, string id, CancellationToken cancellationToken) =>
        ReadOneAsync(session.Command(ByIdSql).With("$id", id), cancellationToken);
}
