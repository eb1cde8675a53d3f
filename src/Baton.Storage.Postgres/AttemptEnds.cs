using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// Ending an attempt and moving its task on, for both a worker's finish and a rescue: every task passes through here
/// once per attempt, so the fenced end and the move share one statement in the common case, and what waits for the
/// task (its dependents, its workflow) is moved on only when it has to be.
/// </summary>
internal static class AttemptEnds
{
    /// <summary>
    /// Moves the task on: Recorded, or RecordedAndAdvanced if that moved the tasks waiting for it (or its workflow)
    /// too. With <paramref name="finish"/> the attempt is ended first, in the same statement, fenced by its worker:
    /// Rejected (and nothing changed) if it no longer held its lease.
    /// </summary>
    public static async Task<FinishOutcome> MoveTaskAsync(
        PgSession session,
        string taskId,
        TaskState status,
        DateTimeOffset now,
        DateTimeOffset? dueAt,
        string? error,
        string? result,
        int failed,
        int rescued,
        string? denials,
        string? notice,
        CancellationToken cancellationToken,
        AttemptFinish? finish = null)
    {
        // A pending cancel request wins over a requeue (or a pause): the task is cancelled instead of going back to the
        // queue. A pending pause request wins over a requeue: the task is paused, its session kept for the resume.
        const string MoveSql = """
            UPDATE tasks SET
                status = CASE WHEN cancel_requested = 1 AND @requeue = 1 THEN @cancelled WHEN pause_requested = 1 AND @requeue = 1 THEN @paused ELSE @status END,
                completed_at = CASE WHEN cancel_requested = 1 AND @requeue = 1 THEN @now ELSE @completed END,
                error = CASE WHEN cancel_requested = 1 AND @requeue = 1 THEN 'cancelled' ELSE @error END,
                updated_at = @now, due_at = coalesce(@due, due_at), result = @result, permission_denials = @denials, notice = @notice,
                failure_count = failure_count + @failed, rescue_count = rescue_count + @rescued, cancel_requested = 0, pause_requested = 0
            WHERE id = @id AND status = @running
            """;
        const string MovedColumns = "status, has_dependents, workflow_id, phase_id, attempt_count, error, notice, created_by, pause_reason";

        // The attempt's end and the task's move in one statement: the task moves only if the attempt was still this
        // worker's; the first column says whether it was (0: fenced), the others are the moved task's (NULL: not moved).
        const string EndAndMoveSql = $"""
            WITH ended AS (
                UPDATE attempts SET status = @attemptStatus, ended_at = @now, exit_code = @code, signal = @signal, error = @attemptError,
                    log_path = coalesce(@log, log_path), lease_expires_at = NULL, details = @details,
                    session_id = coalesce(@session, session_id), turns = coalesce(@turns, turns)
                WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n AND status = 'running' AND worker_id = @worker
                RETURNING task_seq),
            moved AS ({MoveSql} AND seq IN (SELECT task_seq FROM ended) RETURNING {MovedColumns})
            SELECT (SELECT count(*) FROM ended), moved.* FROM (SELECT 1) AS one LEFT JOIN moved ON true
            """;

        NpgsqlCommand Move(TaskState from, bool ending)
        {
            var move = session.Command(ending ? EndAndMoveSql : $"{MoveSql} RETURNING {MovedColumns}")
                .With("@requeue", status is TaskState.Pending or TaskState.Retrying or TaskState.Paused ? 1 : 0).With("@paused", TaskState.Paused.ToWire())
                .With("@status", status.ToWire()).With("@now", ToUnixMs(now)).With("@due", ToUnixMs(dueAt))
                .With("@completed", status.IsTerminal() ? ToUnixMs(now) : null).With("@result", result).With("@error", error)
                .With("@failed", failed).With("@rescued", rescued).With("@id", taskId).With("@denials", denials).With("@notice", notice).With("@running", from.ToWire())
                .With("@cancelled", TaskState.Cancelled.ToWire());
            if (ending && finish is not null)
            {
                move.With("@attemptStatus", finish.AttemptStatus.ToWire()).With("@code", finish.ExitCode)
                    .With("@signal", finish.Signal).With("@attemptError", finish.Error).With("@log", finish.LogPath)
                    .With("@details", StoreJson.Details(finish.Details)).With("@session", finish.Details?.SessionId).With("@turns", finish.Details?.Turns)
                    .With("@n", finish.Attempt.Number).With("@worker", finish.WorkerId);
            }

            return move;
        }

        TaskState moved;
        bool hasDependents;
        string? workflowId, phaseId, pauseReason;
        TaskChange change;
        // Nearly always the task shows running; an agent waiting for a person shows input_required, tried second so
        // that the common end costs one statement.
        var from = TaskState.Running;
        var ending = finish is not null;
        var first = ending ? 1 : 0;
        await using var firstMove = Move(from, ending);
        var reader = await firstMove.ExecuteReaderAsync(cancellationToken);
        try
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (ending && reader.GetInt64(0) == 0)
            {
                return FinishOutcome.Rejected; // Fenced: this attempt lost its lease; the task stays as it is.
            }

            if (!read || reader.IsDBNull(first))
            {
                await reader.DisposeAsync();
                from = TaskState.InputRequired;
                first = 0;
                await using var second = Move(from, ending: false);
                reader = await second.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return FinishOutcome.Recorded;
                }
            }

            TaskStates.TryParse(reader.GetString(first), out moved);
            hasDependents = reader.GetInt64(first + 1) != 0;
            workflowId = reader.GetStringOrNull(first + 2);
            phaseId = reader.GetStringOrNull(first + 3);
            pauseReason = reader.GetStringOrNull(first + 8);
            change = new TaskChange(taskId, workflowId, phaseId, from, moved, reader.GetInt32(first + 4), reader.GetStringOrNull(first + 5),
                reader.GetStringOrNull(first + 6), reader.GetStringOrNull(first + 7), now);
        }
        finally
        {
            await reader.DisposeAsync();
        }

        await session.Events.AppendIfAnyAsync(
            moved == TaskState.Paused ? InteractionEvents.Paused(change, pauseReason) : EventRules.ForTask(change), cancellationToken);
        var advances = moved.IsTerminal() && (hasDependents || workflowId is not null);
        if (moved.IsTerminal())
        {
            // Nobody waits for their answers any more. Written with the commit unless the workflow is read next.
            var withdraw = InteractionRows.WithdrawForTask(session, taskId, moved, now);
            if (advances)
            {
                await using (withdraw)
                {
                    await withdraw.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            else
            {
                session.Defer(withdraw);
            }
        }

        if (!advances)
        {
            return FinishOutcome.Recorded;
        }

        // The workflow's lock before anything is read of its other tasks: two tasks of one phase ending at once on
        // two nodes would otherwise each see the other still running, and neither would move the workflow on.
        if (workflowId is not null)
        {
            await using var lockRow = session.Command("SELECT 1 FROM workflows WHERE id = @id FOR UPDATE").With("@id", workflowId);
            await lockRow.ExecuteNonQueryAsync(cancellationToken);
        }

        // A workflow task that completed while others of its phase still run changes nothing else: the phase, the
        // workflow and every other task stay as they are. Skipping the rules then keeps a large workflow's cost per
        // task flat instead of growing with its size.
        if (!hasDependents && moved == TaskState.Completed && workflowId is not null
            && await session.Command("SELECT count(*) FROM tasks WHERE workflow_id = @workflow AND phase_id = @phase AND status NOT IN ('completed', 'failed', 'cancelled', 'timed_out')")
                .With("@workflow", workflowId).With("@phase", phaseId).ExecuteScalarAsync(cancellationToken) is long unfinished && unfinished > 0)
        {
            return FinishOutcome.Recorded;
        }

        await WorkflowAdvancer.AdvanceAsync(session.Graph, [taskId], now, cancellationToken);
        return FinishOutcome.RecordedAndAdvanced;
    }
}
