using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Claims from the queue, inside the store's write transaction: the due head of the queue index, priority first and
/// then first-in first-out, one task at a time; each claimed task gets its next attempt with a lease, and the claim
/// carries what the agent resumes from (its previous attempt, and the session it takes up if it names one).
/// </summary>
internal static class QueueClaims
{
    private static readonly string Claimable = SourcesOf(TaskState.Running);
    private static readonly string Running = TaskState.Running.ToWire();

    /// <summary>Claims up to <paramref name="limit"/> tasks for the worker; <paramref name="labels"/> is the JSON list it offers, or null for none.</summary>
    public static async Task<IReadOnlyList<Claim>> ClaimAsync(WriteSession session, string workerId, string? labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        // A node asked to drain claims nothing from the moment the request commits, before its next heartbeat tells it so.
        if (await session.Command("SELECT 1 FROM workers WHERE worker_id = $worker AND drain_requested = 1").With("$worker", workerId)
                .ExecuteScalarAsync(cancellationToken) is not null)
        {
            return [];
        }

        var claims = new List<Claim>(limit);
        while (claims.Count < limit && await ClaimOneAsync(session, workerId, labels, now, leaseUntil, cancellationToken) is { } claim)
        {
            claims.Add(claim);
        }

        return claims;
    }

    /// <summary>The earliest due time among the queued tasks the worker may claim (the claim's own filter), or null.</summary>
    public static async Task<DateTimeOffset?> NextDueAtAsync(SqliteConnection connection, string? labels, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT min(due_at) FROM tasks INDEXED BY ix_tasks_queue WHERE status IN ({Claimable}) AND blocked = 0 AND {Suits(labels is not null)}");
        if (labels is not null)
        {
            command.With("$labels", labels);
        }

        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long ms ? FromUnixMs(ms) : null;
    }

    /// <summary>
    /// The labels a worker offers as the JSON list the queries take, or null for none: a worker without labels runs
    /// only tasks that require none, one NULL check on the index and no JSON.
    /// </summary>
    public static string? Offered(IReadOnlyCollection<string> labels) => labels.Count == 0 ? null : StoreJson.List([.. labels]);

    /// <summary>
    /// The tasks a worker may claim by their labels: a worker without labels only those that require none (one NULL
    /// check on the index, no JSON); otherwise every required label must be among those it offers (exact strings;
    /// Core added the keys of key=value).
    /// </summary>
    private static string Suits(bool labelled) => !labelled
        ? "requires_labels IS NULL"
        : "(requires_labels IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(requires_labels) r WHERE r.value NOT IN (SELECT value FROM json_each($labels))))";

    private static readonly string HeadSql = $"""
        -- INDEXED BY: without statistics SQLite picks the status index and sorts the whole queue.
        SELECT seq, status FROM tasks INDEXED BY ix_tasks_queue
        WHERE status IN ({Claimable}) AND blocked = 0 AND due_at <= $now AND {Suits(labelled: false)}
        ORDER BY priority DESC, seq LIMIT 1
        """;

    private static readonly string LabelledHeadSql = $"""
        SELECT seq, status FROM tasks INDEXED BY ix_tasks_queue
        WHERE status IN ({Claimable}) AND blocked = 0 AND due_at <= $now AND {Suits(labelled: true)}
        ORDER BY priority DESC, seq LIMIT 1
        """;

    private static async Task<Claim?> ClaimOneAsync(WriteSession session, string workerId, string? labels, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        // The queue's head first, then the claim: its event needs the status it leaves (pending or retrying).
        long seq;
        TaskState from;
        var query = labels is null
            ? session.Command(HeadSql).With("$now", ToUnixMs(now))
            : session.Command(LabelledHeadSql).With("$now", ToUnixMs(now)).With("$labels", labels);
        await using (var head = await query.ExecuteReaderAsync(cancellationToken))
        {
            if (!await head.ReadAsync(cancellationToken))
            {
                return null;
            }

            seq = head.GetInt64(0);
            TaskStates.TryParse(head.GetString(1), out from);
        }

        var claim = session.Command(
            $"""
            UPDATE tasks SET status = $running, attempt_count = attempt_count + 1,
                started_at = coalesce(started_at, $now), updated_at = $now, permission_denials = NULL, notice = NULL
            WHERE seq = $seq
            RETURNING {TaskRows.Columns}
            """).With("$now", ToUnixMs(now)).With("$seq", seq).With("$running", Running);
        var task = (await TaskRows.ReadOneAsync(claim, cancellationToken))!;
        await session.Events.AppendIfAnyAsync(
            EventRules.ForTask(new TaskChange(task.Id, task.Definition.WorkflowId, task.Definition.PhaseId, from, TaskState.Running,
                task.AttemptCount, task.Error, task.Notice, task.Definition.CreatedBy, now)),
            cancellationToken);

        var key = new AttemptKey(task.Id, task.AttemptCount);
        await session.Command(
                "INSERT INTO attempts (task_seq, task_id, number, status, worker_id, started_at, lease_expires_at) VALUES ($seq, $id, $n, $running, $worker, $now, $lease)")
            .With("$seq", seq).With("$id", key.TaskId).With("$n", key.Number).With("$running", Running).With("$worker", workerId)
            .With("$now", ToUnixMs(now)).With("$lease", ToUnixMs(leaseUntil)).ExecuteNonQueryAsync(cancellationToken);
        return new Claim(task, key, await PreviousAsync(session, key, cancellationToken), await SessionSourceAsync(session, task, cancellationToken));
    }

    private static async Task<PreviousAttempt?> PreviousAsync(WriteSession session, AttemptKey key, CancellationToken cancellationToken)
    {
        if (key.Number == 1)
        {
            return null;
        }

        var query = session.Command("SELECT status, session_id, details FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) AND number = $n")
            .With("$id", key.TaskId).With("$n", key.Number - 1);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? PreviousAttempt.From(AttemptStates.Parse(reader.GetString(0)), reader.GetStringOrNull(1), StoreJson.ReadDetails(reader.GetStringOrNull(2)))
            : null;
    }

    /// <summary>The latest attempt with an agent session of the task whose session this one takes up, if it names one.</summary>
    private static async Task<PreviousAttempt?> SessionSourceAsync(WriteSession session, TaskRecord task, CancellationToken cancellationToken)
    {
        if (task.Definition.Session is not { } source)
        {
            return null;
        }

        var query = session.Command(
                "SELECT status, session_id, details FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) AND session_id IS NOT NULL ORDER BY number DESC LIMIT 1")
            .With("$id", source.TaskId);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? PreviousAttempt.From(AttemptStates.Parse(reader.GetString(0)), reader.GetStringOrNull(1), StoreJson.ReadDetails(reader.GetStringOrNull(2)))
            : null;
    }
}
