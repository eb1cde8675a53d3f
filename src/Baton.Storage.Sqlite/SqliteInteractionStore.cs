using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>People in the loop in SQLite (migration 0010): interactions and steering messages.</summary>
public sealed class SqliteInteractionStore : IInteractionStore, IAsyncDisposable
{
    private static readonly string Open = InteractionStatus.Open.ToWire();
    private static readonly string Running = TaskState.Running.ToWire();
    private static readonly string Waiting = TaskState.InputRequired.ToWire();
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteInteractionStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<InteractionRecord?> OpenAsync(AttemptKey attempt, string workerId, InteractionAsk ask, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                TaskState status;
                string? workflowId, phaseId, owner;
                await using (var reader = await session.Command(
                    """
                    SELECT t.status, t.workflow_id, t.phase_id, t.created_by FROM tasks t JOIN attempts a ON a.task_seq = t.seq
                    WHERE t.id = $id AND a.number = $n AND a.status = $running AND a.worker_id = $worker
                    """).With("$id", attempt.TaskId).With("$n", attempt.Number).With("$running", Running).With("$worker", workerId).ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null; // The attempt ended or moved to another worker: nobody would wait for the answer.
                    }

                    TaskStates.TryParse(reader.GetString(0), out status);
                    (workflowId, phaseId, owner) = (reader.GetStringOrNull(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3));
                }

                // An earlier attempt of the task that died may have asked the same: take its interaction over.
                var taken = (await InteractionRows.ReadAllAsync(
                    session.Command(
                        $"""
                        SELECT {InteractionRows.Columns} FROM interactions
                        WHERE task_id = $id AND fingerprint = $fingerprint AND attempt_number < $n
                            AND (status = $open OR (response IS NOT NULL AND delivered_at IS NULL))
                        ORDER BY created_at, id LIMIT 1
                        """).With("$id", attempt.TaskId).With("$fingerprint", fingerprint).With("$n", attempt.Number).With("$open", Open),
                    cancellationToken)).FirstOrDefault();
                InteractionRecord interaction;
                if (taken is not null)
                {
                    await session.Command("UPDATE interactions SET attempt_number = $n WHERE id = $id")
                        .With("$n", attempt.Number).With("$id", taken.Id).ExecuteNonQueryAsync(cancellationToken);
                    interaction = taken with { AttemptNumber = attempt.Number };
                    if (interaction.Status != InteractionStatus.Open)
                    {
                        return interaction; // Answered while no attempt waited: the task runs on with the stored answer.
                    }
                }
                else
                {
                    interaction = await InteractionRows.InsertAsync(
                        session,
                        new InteractionRecord
                        {
                            Id = InteractionIds.New(),
                            Ask = ask,
                            Status = InteractionStatus.Open,
                            TaskId = attempt.TaskId,
                            AttemptNumber = attempt.Number,
                            WorkflowId = workflowId,
                            PhaseId = phaseId,
                            Fingerprint = fingerprint,
                            CreatedAt = now,
                        },
                        cancellationToken);
                }

                if (status == TaskState.Running)
                {
                    await session.Command("UPDATE tasks SET status = $waiting, updated_at = $now WHERE id = $id AND status = $running")
                        .With("$waiting", Waiting).With("$now", ToUnixMs(now)).With("$id", attempt.TaskId).With("$running", Running)
                        .ExecuteNonQueryAsync(cancellationToken);
                }

                await session.Events.AppendAsync(InteractionEvents.Raised(interaction, status, owner, reminder: false, now), cancellationToken);
                return interaction;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RespondResult> RespondAsync(string id, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var current = await InteractionRows.GetAsync(session, id, cancellationToken);
                if (current is null)
                {
                    return new RespondResult(RespondOutcome.NotFound, null);
                }

                if (await InteractionRows.AnswerAsync(session, id, response, now, cancellationToken) is not { } answered)
                {
                    return new RespondResult(Refused(current.Status), current);
                }

                await AnsweredAsync(session, answered, now, cancellationToken);
                return new RespondResult(RespondOutcome.Answered, answered);
            },
            cancellationToken);

    /// <summary>The outcome of answering an interaction that is no longer open.</summary>
    internal static RespondOutcome Refused(InteractionStatus status) => status switch
    {
        InteractionStatus.Withdrawn => RespondOutcome.Withdrawn,
        InteractionStatus.Expired => RespondOutcome.Expired,
        _ => RespondOutcome.AlreadyAnswered,
    };

    /// <summary>After an answer: the task runs on once nothing else is open, and the decision is logged.</summary>
    private static async Task AnsweredAsync(WriteSession session, InteractionRecord answered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskState? status = null, old = null;
        string? owner = null;
        if (answered.TaskId is { } taskId && await InteractionRows.ResumeTaskAsync(session, taskId, now, cancellationToken) is { } task)
        {
            (status, old, owner) = (task.Status, task.Moved ? TaskState.InputRequired : null, task.Owner);
        }
        else if (answered.WorkflowId is { } workflowId)
        {
            owner = await session.Command("SELECT created_by FROM workflows WHERE id = $id").With("$id", workflowId).ExecuteScalarAsync(cancellationToken) as string;
        }

        await session.Events.AppendAsync(InteractionEvents.Answered(answered, status, old, owner, now), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MarkDeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE interactions SET delivered_at = $now WHERE id = $id AND response IS NOT NULL AND delivered_at IS NULL")
                .With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken) > 0,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> WithdrawAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var taskId = await session.Command(
                    "UPDATE interactions SET status = $withdrawn, closed_at = $now, close_reason = $reason WHERE id = $id AND status = $open RETURNING task_id")
                    .With("$withdrawn", InteractionStatus.Withdrawn.ToWire()).With("$now", ToUnixMs(now)).With("$reason", reason)
                    .With("$id", id).With("$open", Open).ExecuteScalarAsync(cancellationToken);
                if (taskId is null)
                {
                    return false;
                }

                if (taskId is string task)
                {
                    await InteractionRows.ResumeTaskAsync(session, task, now, cancellationToken);
                }

                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> ExpireAsync(string id, InteractionResponse? policyResponse, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var changed = await session.Command(
                    """
                    UPDATE interactions SET status = $expired, closed_at = $now, close_reason = $reason, response = $response, responded_by = $by
                    WHERE id = $id AND status = $open
                    """).With("$expired", InteractionStatus.Expired.ToWire()).With("$now", ToUnixMs(now)).With("$reason", reason)
                    .With("$response", policyResponse is null ? null : InteractionJson.Write(policyResponse)).With("$by", policyResponse?.RespondedBy)
                    .With("$id", id).With("$open", Open).ExecuteNonQueryAsync(cancellationToken);
                if (changed == 0)
                {
                    return false;
                }

                if (policyResponse is not null && await InteractionRows.GetAsync(session, id, cancellationToken) is { } expired)
                {
                    // The policy's answer is delivered like a person's, and logged as the decision it is.
                    await AnsweredAsync(session, expired, now, cancellationToken);
                }

                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<InteractionRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {InteractionRows.Columns} FROM interactions WHERE id = $id").With("$id", id);
                return (await InteractionRows.ReadAllAsync(command, cancellationToken)).FirstOrDefault();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InteractionRecord>> ListAsync(InteractionQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                var sql = $"SELECT {InteractionRows.Columns} FROM interactions WHERE 1 = 1"
                    + (query.Status is null ? string.Empty : " AND status = $status")
                    + (query.TaskId is null ? string.Empty : " AND task_id = $task")
                    + (query.WorkflowId is null ? string.Empty : " AND workflow_id = $workflow")
                    + " ORDER BY created_at, id LIMIT $limit";
                await using var command = Command(connection, sql).With("$status", query.Status?.ToWire()).With("$task", query.TaskId)
                    .With("$workflow", query.WorkflowId).With("$limit", query.Limit);
                return await InteractionRows.ReadAllAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InteractionRecord>> FindDueRemindersAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    $"SELECT {InteractionRows.Columns} FROM interactions WHERE status = $open AND raised_at < $before ORDER BY raised_at LIMIT $limit")
                    .With("$open", Open).With("$before", ToUnixMs(raisedBefore)).With("$limit", limit);
                return await InteractionRows.ReadAllAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemindAsync(string id, DateTimeOffset raisedBefore, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var changed = await session.Command(
                    "UPDATE interactions SET raised_at = $now, reminded_at = $now WHERE id = $id AND status = $open AND raised_at < $before")
                    .With("$now", ToUnixMs(now)).With("$id", id).With("$open", Open).With("$before", ToUnixMs(raisedBefore))
                    .ExecuteNonQueryAsync(cancellationToken);
                if (changed == 0 || await InteractionRows.GetAsync(session, id, cancellationToken) is not { } reminded)
                {
                    return false;
                }

                var owner = await session.Command(
                    "SELECT coalesce((SELECT created_by FROM tasks WHERE id = $task), (SELECT created_by FROM workflows WHERE id = $workflow))")
                    .With("$task", reminded.TaskId).With("$workflow", reminded.WorkflowId).ExecuteScalarAsync(cancellationToken) as string;
                var status = reminded.TaskId is null ? (TaskState?)null : TaskState.InputRequired;
                await session.Events.AppendAsync(InteractionEvents.Raised(reminded, status, owner, reminder: true, now), cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<SteeringMessage> AddMessageAsync(string taskId, string text, string sentBy, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var message = new SteeringMessage(SteeringIds.New(), taskId, text, sentBy, FromUnixMs(ToUnixMs(now)));
                await session.Command("INSERT INTO steering_messages (id, task_id, text, sent_by, sent_at) VALUES ($id, $task, $text, $by, $now)")
                    .With("$id", message.Id).With("$task", taskId).With("$text", text).With("$by", sentBy).With("$now", ToUnixMs(now))
                    .ExecuteNonQueryAsync(cancellationToken);
                return message;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> MarkMessageDeliveredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE steering_messages SET delivered_at = $now WHERE id = $id AND delivered_at IS NULL")
                .With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken) > 0,
            cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
