using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The end of an attempt, inside the store's write transaction: fenced by its worker (an attempt that lost its lease
/// changes nothing), then the task moved on as Core decided, and the tasks and workflow waiting for it advanced.
/// A finish and a rescue end attempts the same way; they differ only in what they record.
/// </summary>
internal static class AttemptEnds
{
    private static readonly string Running = TaskState.Running.ToWire();

    /// <summary>Records the attempt's end and moves its task on (see <see cref="IAttemptStore.FinishAsync"/>).</summary>
    public static async Task<FinishOutcome> FinishAsync(WriteSession session, AttemptFinish finish, CancellationToken cancellationToken)
    {
        var end = session.Command(
            """
            UPDATE attempts SET status = $status, ended_at = $now, exit_code = $code, signal = $signal, error = $error,
                log_path = coalesce($log, log_path), lease_expires_at = NULL, details = $details,
                session_id = coalesce($session, session_id), turns = coalesce($turns, turns)
            WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) AND number = $n AND status = 'running' AND worker_id = $worker
            """);
        end.With("$status", finish.AttemptStatus.ToWire()).With("$now", ToUnixMs(finish.EndedAt)).With("$code", finish.ExitCode)
            .With("$signal", finish.Signal).With("$error", finish.Error).With("$log", finish.LogPath)
            .With("$details", StoreJson.Details(finish.Details)).With("$session", finish.Details?.SessionId).With("$turns", finish.Details?.Turns)
            .With("$id", finish.Attempt.TaskId).With("$n", finish.Attempt.Number).With("$worker", finish.WorkerId);
        if (await end.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return FinishOutcome.Rejected; // Fenced: this attempt lost its lease; the rollback keeps the task as it is.
        }

        return await MoveTaskAsync(session, finish.Attempt.TaskId, finish.TaskStatus, finish.EndedAt, finish.DueAt,
            finish.TaskStatus == TaskState.Completed ? null : finish.Error, finish.Result, finish.CountsAsFailure ? 1 : 0, rescued: 0,
            StoreJson.Denials(finish.PermissionDenials), finish.Notice, cancellationToken)
            ? FinishOutcome.RecordedAndAdvanced
            : FinishOutcome.Recorded;
    }

    /// <summary>Ends another worker's attempt as interrupted and moves its task on (see <see cref="IAttemptStore.RescueAsync"/>).</summary>
    public static async Task<bool> RescueAsync(WriteSession session, AttemptRescue rescue, CancellationToken cancellationToken)
    {
        var end = session.Command(
            """
            UPDATE attempts SET status = 'interrupted', ended_at = $now, error = $reason, lease_expires_at = NULL
            WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) AND number = $n AND status = 'running' AND worker_id = $worker
            """).With("$now", ToUnixMs(rescue.Now)).With("$reason", rescue.Reason)
            .With("$id", rescue.Attempt.TaskId).With("$n", rescue.Attempt.Number).With("$worker", rescue.WorkerId);
        if (await end.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await MoveTaskAsync(session, rescue.Attempt.TaskId, rescue.TaskStatus, rescue.Now, rescue.Now, rescue.TaskError,
            result: null, failed: 0, rescued: 1, denials: null, notice: null, cancellationToken);
        return true;
    }

    /// <summary>Moves the task on; true if that moved the tasks waiting for it (or its workflow) too.</summary>
    private static async Task<bool> MoveTaskAsync(
        WriteSession session,
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
        CancellationToken cancellationToken)
    {
        // A pending cancel request wins over a requeue (or a pause): the task is cancelled instead of going back to the
        // queue. A pending pause request wins over a requeue: the task is paused, its session kept for the resume.
        var move = session.Command(
            """
            UPDATE tasks SET
                status = CASE WHEN cancel_requested = 1 AND $requeue = 1 THEN $cancelled WHEN pause_requested = 1 AND $requeue = 1 THEN $paused ELSE $status END,
                completed_at = CASE WHEN cancel_requested = 1 AND $requeue = 1 THEN $now ELSE $completed END,
                error = CASE WHEN cancel_requested = 1 AND $requeue = 1 THEN 'cancelled' ELSE $error END,
                updated_at = $now, due_at = coalesce($due, due_at), result = $result, permission_denials = $denials, notice = $notice,
                failure_count = failure_count + $failed, rescue_count = rescue_count + $rescued, cancel_requested = 0, pause_requested = 0
            WHERE id = $id AND status = $running
            RETURNING status, has_dependents, workflow_id, phase_id, attempt_count, error, notice, created_by, pause_reason
            """);
        move.With("$requeue", status is TaskState.Pending or TaskState.Retrying or TaskState.Paused ? 1 : 0).With("$paused", TaskState.Paused.ToWire()).With("$status", status.ToWire()).With("$now", ToUnixMs(now)).With("$due", Db(dueAt))
            .With("$completed", status.IsTerminal() ? ToUnixMs(now) : null).With("$result", result).With("$error", error)
            .With("$failed", failed).With("$rescued", rescued).With("$id", taskId).With("$denials", denials).With("$notice", notice).With("$running", Running)
            .With("$cancelled", TaskState.Cancelled.ToWire());
        TaskState moved;
        bool hasDependents;
        string? workflowId, phaseId, pauseReason;
        TaskChange change;
        // Nearly always the task shows running; an agent waiting for a person shows input_required, tried second so
        // that the common end costs one statement.
        var from = TaskState.Running;
        var reader = await move.ExecuteReaderAsync(cancellationToken);
        try
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                from = TaskState.InputRequired;
                move.Parameters["$running"].Value = TaskState.InputRequired.ToWire();
                reader = await move.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return false;
                }
            }

            TaskStates.TryParse(reader.GetString(0), out moved);
            hasDependents = reader.GetInt64(1) != 0;
            workflowId = reader.GetStringOrNull(2);
            phaseId = reader.GetStringOrNull(3);
            pauseReason = reader.GetStringOrNull(8);
            change = new TaskChange(taskId, workflowId, phaseId, from, moved, reader.GetInt32(4), reader.GetStringOrNull(5),
                reader.GetStringOrNull(6), reader.GetStringOrNull(7), now);
        }
        finally
        {
            await reader.DisposeAsync();
        }

        await session.Events.AppendIfAnyAsync(
            moved == TaskState.Paused ? InteractionEvents.Paused(change, pauseReason) : EventRules.ForTask(change), cancellationToken);
        if (moved.IsTerminal())
        {
            // Nobody waits for their answers any more.
            await InteractionRows.WithdrawForTaskAsync(session, taskId, moved, now, cancellationToken);
        }

        if (!moved.IsTerminal() || !(hasDependents || workflowId is not null))
        {
            return false;
        }

        // A workflow task that completed while others of its phase still run changes nothing else: the phase, the
        // workflow and every other task stay as they are. Skipping the rules then keeps a large workflow's cost per
        // task flat instead of growing with its size.
        if (!hasDependents && moved == TaskState.Completed && workflowId is not null
            && await session.Command("SELECT count(*) FROM tasks WHERE workflow_id = $workflow AND phase_id = $phase AND status NOT IN ('completed', 'failed', 'cancelled', 'timed_out')")
                .With("$workflow", workflowId).With("$phase", phaseId).ExecuteScalarAsync(cancellationToken) is long unfinished && unfinished > 0)
        {
            return false;
        }

        await WorkflowAdvancer.AdvanceAsync(session.Graph, [taskId], now, cancellationToken);
        return true;
    }
}
