using Baton.Core.Interactions;
using Baton.Core.Events;
using Baton.Core.Sessions;
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
        "created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, rescue_count, cancel_requested, result, error, agent, follow_up, worktree, keep_worktree, " +
        "workflow_id, phase_id, depends_on, blocked, upstream_context, cancel_cause, created_by, permission_denials, notice, requires_labels, pause_requested, pause_reason, " +
        "input_timeout_seconds, on_input_timeout, budget_usd, worktree_branch, worktree_base, session_from, session_use";

    /// <summary>
    /// Inserts a pending task (blocked if it must wait) and its dependency edges; returns the row as stored, without
    /// reading it back (times at the store's millisecond precision).
    /// </summary>
    public static async Task<TaskRecord> InsertAsync(WriteSession session, string id, TaskDefinition definition, DateTimeOffset now, bool blocked, CancellationToken cancellationToken)
    {
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
            .With("$worktree", definition.Worktree ? 1 : 0).With("$keepWorktree", definition.KeepWorktree ? 1 : 0)
            .With("$workflow", definition.WorkflowId).With("$phase", definition.PhaseId)
            .With("$dependsOn", StoreJson.List(definition.DependsOn)).With("$blocked", blocked ? 1 : 0)
            .With("$createdBy", definition.CreatedBy)
            .With("$requiresLabels", definition.RequiresLabels.Count == 0 ? null : StoreJson.List(definition.RequiresLabels))
            .With("$inputTimeout", definition.InputTimeoutSeconds)
            .With("$onInputTimeout", definition.OnInputTimeout is { } onTimeout ? onTimeout.ToWire() : null)
            .With("$budget", definition.BudgetUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("$worktreeBranch", definition.WorktreeBranch).With("$worktreeBase", definition.WorktreeBase)
            .With("$sessionFrom", definition.Session?.TaskId).With("$sessionUse", definition.Session?.Use.ToWire());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendAsync(EventRules.ForTaskCreated(id, definition.WorkflowId, definition.PhaseId, definition.CreatedBy, now), cancellationToken);
        foreach (var tag in definition.Tags.Distinct(StringComparer.Ordinal))
        {
            var tagInsert = session.Command("INSERT INTO task_tags (tag, task_seq) SELECT $tag, seq FROM tasks WHERE id = $id");
            await tagInsert.With("$tag", tag).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var upstream in definition.DependsOn.Distinct(StringComparer.Ordinal))
        {
            var edge = session.Command(
                "INSERT OR IGNORE INTO task_dependencies (upstream_seq, task_seq) SELECT u.seq, t.seq FROM tasks u, tasks t WHERE u.id = $upstream AND t.id = $id");
            await edge.With("$upstream", upstream).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
            await session.Command("UPDATE tasks SET has_dependents = 1 WHERE id = $upstream AND has_dependents = 0")
                .With("$upstream", upstream).ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = FromUnixMs(ToUnixMs(now));
        return new TaskRecord
        {
            Id = id,
            Definition = definition with { RunAt = definition.RunAt is { } runAt ? FromUnixMs(ToUnixMs(runAt)) : null },
            Status = TaskState.Pending,
            CreatedAt = stored,
            UpdatedAt = stored,
            DueAt = definition.RunAt is { } due ? FromUnixMs(ToUnixMs(due)) : stored,
            Blocked = blocked,
        };
    }

    private const string InsertSql = """
        INSERT INTO tasks (id, name, runner, program, arguments, agent_name, instructions, model, working_directory, environment,
            priority, timeout_seconds, max_retries, retry_backoff, retry_on_timeout, tags, metadata, run_at, idempotency_key,
            status, created_at, updated_at, due_at, agent, worktree, keep_worktree, workflow_id, phase_id, depends_on, blocked, created_by, requires_labels,
            input_timeout_seconds, on_input_timeout, budget_usd, worktree_branch, worktree_base, session_from, session_use)
        VALUES ($id, $name, $runner, $program, $arguments, $agent, $instructions, $model, $cwd, $env,
            $priority, $timeout, $maxRetries, $backoff, $retryTimeout, $tags, $metadata, $runAt, $key,
            $status, $now, $now, $due, $agentSpec, $worktree, $keepWorktree, $workflow, $phase, $dependsOn, $blocked, $createdBy, $requiresLabels,
            $inputTimeout, $onInputTimeout, $budget, $worktreeBranch, $worktreeBase, $sessionFrom, $sessionUse)
        """;

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
                WorkflowId = r.GetStringOrNull(35),
                PhaseId = r.GetStringOrNull(36),
                DependsOn = StoreJson.ReadList(r.GetString(37)),
                CreatedBy = r.GetStringOrNull(41),
                RequiresLabels = r.GetStringOrNull(44) is { } labels ? StoreJson.ReadList(labels) : [],
                InputTimeoutSeconds = (int?)r.GetInt64OrNull(47),
                OnInputTimeout = InputTimeoutActions.TryParse(r.GetStringOrNull(48), out var onTimeout) ? onTimeout : null,
                BudgetUsd = r.GetStringOrNull(49) is { } budget ? decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) : null,
                WorktreeBranch = r.GetStringOrNull(50),
                WorktreeBase = r.GetStringOrNull(51),
                Session = r.GetStringOrNull(52) is { } sessionFrom && SessionUses.TryParse(r.GetStringOrNull(53), out var use) ? new SessionSource(sessionFrom, use) : null,
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
            Blocked = r.GetInt64(38) != 0,
            UpstreamContext = r.GetStringOrNull(39),
            CancelCause = Baton.Core.Workflows.CancelCauses.Parse(r.GetStringOrNull(40)),
            PermissionDenials = StoreJson.ReadDenials(r.GetStringOrNull(42)),
            Notice = r.GetStringOrNull(43),
            PauseRequested = r.GetInt64(45) != 0,
            PauseReason = r.GetStringOrNull(46),
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

    /// <summary>The change of <paramref name="task"/>, as read, to <paramref name="status"/>: what a person's cancel or requeue records in its event.</summary>
    public static TaskChange Change(TaskRecord task, TaskState status, string? error, DateTimeOffset now) =>
        new(task.Id, task.Definition.WorkflowId, task.Definition.PhaseId, task.Status, status, task.AttemptCount, error, null, task.Definition.CreatedBy, now);
}
