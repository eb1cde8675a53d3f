using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// Claims from the queue: the due head of the partial queue index, priority first and then first-in first-out, taken
/// with <c>FOR UPDATE SKIP LOCKED</c> so that claimers on several nodes take different tasks instead of waiting on
/// each other; each claimed task gets its next attempt with a lease, in the same transaction.
/// </summary>
internal static class QueueClaims
{
    private static readonly string Claimable = SourcesOf(TaskState.Running);
    private static readonly string Running = TaskState.Running.ToWire();

    /// <summary>A worker without labels runs only tasks that require none: one NULL check on the queue index.</summary>
    private const string Unlabelled = "requires_labels IS NULL";

    /// <summary>Every required label among those the worker offers (exact strings; Core added the keys of key=value).</summary>
    private const string Labelled = "(requires_labels IS NULL OR requires_labels::jsonb <@ @labels::jsonb)";

    /// <summary>The tasks a worker offering <paramref name="labels"/> may claim (as JSON in <c>@labels</c> if any).</summary>
    private static string Suits(IReadOnlyCollection<string> labels) => labels.Count == 0 ? Unlabelled : Labelled;

    /// <summary>Binds <c>@labels</c> for <see cref="Suits"/> when the worker offers any.</summary>
    private static NpgsqlCommand WithLabels(this NpgsqlCommand command, IReadOnlyCollection<string> labels) =>
        labels.Count == 0 ? command : command.With("@labels", StoreJson.List([.. labels]));

    /// <summary>The earliest due time among the queued tasks the worker may claim (the claim's own filter), or null.</summary>
    public static async Task<DateTimeOffset?> NextDueAtAsync(NpgsqlConnection connection, IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT min(due_at) FROM tasks WHERE status IN ({Claimable}) AND blocked = 0 AND {Suits(labels)}")
            .WithLabels(labels);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long ms ? FromUnixMs(ms) : null;
    }

    public static async Task<IReadOnlyList<Claim>> ClaimAsync(PgSession session, string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        // The queue's head, skipping rows another claimer holds: concurrent claimers take different tasks
        // instead of waiting on each other. The status each leaves is returned for its event. A node asked to drain
        // claims nothing from the moment the request commits, before its next heartbeat tells it so.
        var claim = session.Command(
            $"""
            WITH head AS (
                SELECT seq AS head_seq, status AS head_status FROM tasks
                WHERE status IN ({Claimable}) AND blocked = 0 AND due_at <= @now AND {Suits(labels)}
                    AND NOT EXISTS (SELECT 1 FROM workers WHERE worker_id = @worker AND drain_requested = 1)
                ORDER BY priority DESC, seq LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE tasks SET status = @running, attempt_count = attempt_count + 1,
                started_at = coalesce(started_at, @now), updated_at = @now, permission_denials = NULL, notice = NULL
            FROM head WHERE seq = head_seq
            RETURNING {TaskRows.Columns}, head_status, seq
            """).With("@now", ToUnixMs(now)).With("@limit", limit).With("@running", Running).With("@worker", workerId).WithLabels(labels);

        var claimed = new List<(TaskRecord Task, TaskState From, long Seq)>(limit);
        await using (claim)
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                TaskStates.TryParse(reader.GetString(TaskRows.ColumnCount), out var from);
                claimed.Add((TaskRows.Read(reader), from, reader.GetInt64(TaskRows.ColumnCount + 1)));
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        // Claim order: priority first, then first-in first-out (UPDATE … RETURNING keeps no order).
        claimed.Sort((a, b) => a.Task.Definition.Priority != b.Task.Definition.Priority
            ? b.Task.Definition.Priority.CompareTo(a.Task.Definition.Priority)
            : a.Seq.CompareTo(b.Seq));
        // Written with the commit: what follows reads only earlier attempts (none of these).
        var attempts = session.Command(
            """
            INSERT INTO attempts (task_seq, task_id, number, status, worker_id, started_at, lease_expires_at)
            SELECT a.seq, a.id, a.number, @running, @worker, @now, @lease FROM unnest(@seqs, @ids, @numbers) AS a (seq, id, number)
            """).With("@seqs", claimed.Select(c => c.Seq).ToArray()).With("@ids", claimed.Select(c => c.Task.Id).ToArray())
            .With("@running", Running).With("@worker", workerId).With("@now", ToUnixMs(now)).With("@lease", ToUnixMs(leaseUntil));
        attempts.Parameters.Add(new NpgsqlParameter("numbers", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer)
        {
            Value = claimed.Select(c => c.Task.AttemptCount).ToArray(),
        });
        session.Defer(attempts);

        var claims = new List<Claim>(claimed.Count);
        foreach (var (task, from, _) in claimed)
        {
            await session.Events.AppendIfAnyAsync(
                EventRules.ForTask(new TaskChange(task.Id, task.Definition.WorkflowId, task.Definition.PhaseId, from, TaskState.Running,
                    task.AttemptCount, task.Error, task.Notice, task.Definition.CreatedBy, now)),
                cancellationToken);
            var key = new AttemptKey(task.Id, task.AttemptCount);
            claims.Add(new Claim(task, key, await PreviousAsync(session, key, cancellationToken), await SessionSourceAsync(session, task, cancellationToken)));
        }

        return claims;
    }

    private static async Task<PreviousAttempt?> PreviousAsync(PgSession session, AttemptKey key, CancellationToken cancellationToken)
    {
        if (key.Number == 1)
        {
            return null;
        }

        var query = session.Command("SELECT status, session_id, details FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n")
            .With("@id", key.TaskId).With("@n", key.Number - 1);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? PreviousAttempt.From(AttemptStates.Parse(reader.GetString(0)), reader.GetStringOrNull(1), StoreJson.ReadDetails(reader.GetStringOrNull(2)))
            : null;
    }

    /// <summary>The latest attempt with an agent session of the task whose session this one takes up, if it names one.</summary>
    private static async Task<PreviousAttempt?> SessionSourceAsync(PgSession session, TaskRecord task, CancellationToken cancellationToken)
    {
        if (task.Definition.Session is not { } source)
        {
            return null;
        }

        var query = session.Command(
                "SELECT status, session_id, details FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND session_id IS NOT NULL ORDER BY number DESC LIMIT 1")
            .With("@id", source.TaskId);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? PreviousAttempt.From(AttemptStates.Parse(reader.GetString(0)), reader.GetStringOrNull(1), StoreJson.ReadDetails(reader.GetStringOrNull(2)))
            : null;
    }
}
