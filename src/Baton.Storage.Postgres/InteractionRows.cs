using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// The interaction columns every query selects, how a row becomes an <see cref="InteractionRecord"/>, and the writes
/// that more than one store makes (the task store withdraws a task's on its end; the workflow store keeps phase gates).
/// </summary>
internal static class InteractionRows
{
    public const string Columns =
        "id, task_id, attempt_number, workflow_id, phase_id, status, ask, fingerprint, created_at, response, closed_at, close_reason, delivered_at, reminded_at";

    private static readonly string Open = InteractionStatus.Open.ToWire();

    public static InteractionRecord Read(NpgsqlDataReader r)
    {
        InteractionStatuses.TryParse(r.GetString(5), out var status);
        return new InteractionRecord
        {
            Id = r.GetString(0),
            TaskId = r.GetStringOrNull(1),
            AttemptNumber = (int?)r.GetInt64OrNull(2),
            WorkflowId = r.GetStringOrNull(3),
            PhaseId = r.GetStringOrNull(4),
            Status = status,
            Ask = InteractionJson.ReadAsk(r.GetString(6)),
            Fingerprint = r.GetString(7),
            CreatedAt = FromUnixMs(r.GetInt64(8)),
            Response = InteractionJson.ReadResponse(r.GetStringOrNull(9)),
            ClosedAt = r.GetTimeOrNull(10),
            CloseReason = r.GetStringOrNull(11),
            DeliveredAt = r.GetTimeOrNull(12),
            RemindedAt = r.GetTimeOrNull(13),
        };
    }

    public static async Task<IReadOnlyList<InteractionRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<InteractionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    public static async Task<InteractionRecord?> GetAsync(PgSession session, string id, CancellationToken cancellationToken) =>
        (await ReadAllAsync(session.Command($"SELECT {Columns} FROM interactions WHERE id = @id").With("@id", id), cancellationToken)).FirstOrDefault();

    /// <summary>Stores a new open interaction (a task's, or with no task a phase gate's); returns it as stored.</summary>
    public static async Task<InteractionRecord> InsertAsync(PgSession session, InteractionRecord interaction, CancellationToken cancellationToken)
    {
        await session.Command(
            """
            INSERT INTO interactions (id, task_id, attempt_number, workflow_id, phase_id, kind, status, summary, ask, fingerprint, created_at, raised_at)
            VALUES (@id, @task, @attempt, @workflow, @phase, @kind, @status, @summary, @ask, @fingerprint, @now, @now)
            """).With("@id", interaction.Id).With("@task", interaction.TaskId).With("@attempt", interaction.AttemptNumber)
            .With("@workflow", interaction.WorkflowId).With("@phase", interaction.PhaseId).With("@kind", interaction.Ask.Kind.ToWire())
            .With("@status", interaction.Status.ToWire()).With("@summary", interaction.Ask.Summary).With("@ask", InteractionJson.Write(interaction.Ask))
            .With("@fingerprint", interaction.Fingerprint).With("@now", ToUnixMs(interaction.CreatedAt)).ExecuteNonQueryAsync(cancellationToken);
        return interaction with { CreatedAt = FromUnixMs(ToUnixMs(interaction.CreatedAt)) };
    }

    /// <summary>
    /// Answers an open interaction (conditional on it being open); the interaction as answered, or null if it was not
    /// open. The caller moves its task and appends the event.
    /// </summary>
    public static async Task<InteractionRecord?> AnswerAsync(PgSession session, string id, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await session.Command(
            "UPDATE interactions SET status = @answered, response = @response, responded_by = @by, closed_at = @now WHERE id = @id AND status = @open")
            .With("@answered", InteractionStatus.Answered.ToWire()).With("@response", InteractionJson.Write(response)).With("@by", response.RespondedBy)
            .With("@now", ToUnixMs(now)).With("@id", id).With("@open", Open).ExecuteNonQueryAsync(cancellationToken);
        return changed == 0 ? null : await GetAsync(session, id, cancellationToken);
    }

    /// <summary>Withdraws every open interaction of a task that ended (nobody waits for their answers any more).</summary>
    public static Task<int> WithdrawForTaskAsync(PgSession session, string taskId, TaskState ended, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithdrawForTask(session, taskId, ended, now).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>The statement of <see cref="WithdrawForTaskAsync"/>, to run now or with the commit.</summary>
    public static NpgsqlCommand WithdrawForTask(PgSession session, string taskId, TaskState ended, DateTimeOffset now) =>
        session.Command("UPDATE interactions SET status = @withdrawn, closed_at = @now, close_reason = @reason WHERE task_id = @task AND status = @open")
            .With("@withdrawn", InteractionStatus.Withdrawn.ToWire()).With("@now", ToUnixMs(now)).With("@reason", EndReason(ended))
            .With("@task", taskId).With("@open", Open);

    /// <summary>Why a task's interactions were withdrawn when it ended.</summary>
    public static string EndReason(TaskState ended) => ended switch
    {
        TaskState.Completed => "the task completed",
        TaskState.Failed => "the task failed",
        TaskState.TimedOut => "the task timed out",
        _ => "the task was cancelled",
    };

    /// <summary>
    /// Moves a task from <c>input_required</c> back to <c>running</c> once none of its interactions is open; appends
    /// the status change. Returns the task's status now (and whether it moved), or null without such a task.
    /// </summary>
    public static async Task<(TaskState Status, bool Moved, string? Owner)?> ResumeTaskAsync(PgSession session, string taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = session.Command(
            """
            UPDATE tasks SET status = @running, updated_at = @now
            WHERE id = @id AND status = @waiting AND NOT EXISTS (SELECT 1 FROM interactions WHERE task_id = @id AND status = @open)
            RETURNING workflow_id, phase_id, attempt_count, created_by
            """).With("@running", TaskState.Running.ToWire()).With("@now", ToUnixMs(now)).With("@id", taskId)
            .With("@waiting", TaskState.InputRequired.ToWire()).With("@open", Open);
        TaskChange? change = null;
        await using (var reader = await moved.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                change = new TaskChange(taskId, reader.GetStringOrNull(0), reader.GetStringOrNull(1), TaskState.InputRequired, TaskState.Running,
                    reader.GetInt32(2), null, null, reader.GetStringOrNull(3), now);
            }
        }

        if (change is not null)
        {
            await session.Events.AppendIfAnyAsync(EventRules.ForTask(change), cancellationToken);
            return (TaskState.Running, true, change.Owner);
        }

        await using var read = await session.Command("SELECT status, created_by FROM tasks WHERE id = @id").With("@id", taskId).ExecuteReaderAsync(cancellationToken);
        if (!await read.ReadAsync(cancellationToken))
        {
            return null;
        }

        TaskStates.TryParse(read.GetString(0), out var status);
        return (status, false, read.GetStringOrNull(1));
    }
}
