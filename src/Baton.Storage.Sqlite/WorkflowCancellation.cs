using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// A user's cancel of a whole workflow, inside the store's write transaction: the workflow ends cancelled, its
/// waiting tasks are cancelled without running (each with its own event), its running ones are asked to stop by
/// their workers, and the tasks on their own downstream of any of them are cancelled in turn.
/// </summary>
internal static class WorkflowCancellation
{
    private const string CancelledByUser = "cancelled by a user";
    private const string NotRunError = "not run: the workflow was cancelled";
    private static readonly string Waiting = string.Join(", ", new[] { TaskState.Pending, TaskState.Retrying, TaskState.Paused }.Select(s => $"'{s.ToWire()}'"));

    /// <summary>Cancels the workflow; how many of its tasks were running and now stop, or null if it had already ended (see <see cref="IWorkflowStore.CancelAsync"/>).</summary>
    public static async Task<int?> CancelAsync(WriteSession session, string workflowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? owner;
        WorkflowState was;
        await using (var reader = await session.Command("SELECT status, created_by FROM workflows WHERE id = $id").With("$id", workflowId).ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || !WorkflowStates.TryParse(reader.GetString(0), out was) || was.IsEnded())
            {
                return null;
            }

            owner = reader.GetStringOrNull(1);
        }

        await session.Command(
            "UPDATE workflows SET status = $cancelled, error = $error, completed_at = $now, updated_at = $now WHERE id = $id")
            .With("$id", workflowId).With("$now", ToUnixMs(now)).With("$cancelled", WorkflowState.Cancelled.ToWire())
            .With("$error", CancelledByUser).ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendIfAnyAsync(EventRules.ForWorkflow(workflowId, was, WorkflowState.Cancelled, CancelledByUser, owner, now), cancellationToken);

        // Its waiting tasks will never run: read them first, for the status each leaves in its event.
        var waiting = new List<TaskChange>();
        await using (var reader = await session.Command(
            $"SELECT id, phase_id, status, attempt_count, created_by FROM tasks WHERE workflow_id = $id AND status IN ({Waiting}) ORDER BY seq")
            .With("$id", workflowId).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                TaskStates.TryParse(reader.GetString(2), out var from);
                waiting.Add(new TaskChange(reader.GetString(0), workflowId, reader.GetStringOrNull(1), from, TaskState.Cancelled,
                    reader.GetInt32(3), NotRunError, null, reader.GetStringOrNull(4), now));
            }
        }

        await session.Command(
            $"""
            UPDATE tasks SET status = $cancelled, blocked = 0, cancel_cause = $cause, error = $error,
                completed_at = $now, updated_at = $now
            WHERE workflow_id = $id AND status IN ({Waiting})
            """).With("$id", workflowId).With("$now", ToUnixMs(now)).With("$cancelled", TaskState.Cancelled.ToWire())
            .With("$cause", CancelCause.Workflow.ToWire()).With("$error", NotRunError).ExecuteNonQueryAsync(cancellationToken);
        foreach (var change in waiting)
        {
            await session.Events.AppendIfAnyAsync(EventRules.ForTask(change), cancellationToken);
        }

        // A task waiting for a person still runs under its worker, which stops it; what its tasks asked is withdrawn.
        await session.Command(
            "UPDATE interactions SET status = 'withdrawn', closed_at = $now, close_reason = 'the task was cancelled' WHERE status = 'open' AND task_id IN (SELECT id FROM tasks WHERE workflow_id = $id AND status = 'cancelled')")
            .With("$id", workflowId).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
        var stopping = await session.Command("UPDATE tasks SET cancel_requested = 1, updated_at = $now WHERE workflow_id = $id AND status IN ('running', 'input_required')")
            .With("$id", workflowId).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
        var cancelledIds = await WorkflowAdvancer.ReconcileAsync(session.Graph, workflowId, now, cancellationToken);
        // Tasks on their own that depend on the cancelled ones are cancelled in turn.
        var ended = new List<string>(cancelledIds);
        await using (var reader = await session.Command("SELECT id FROM tasks WHERE workflow_id = $id AND has_dependents = 1 AND status = 'cancelled'")
            .With("$id", workflowId).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ended.Add(reader.GetString(0));
            }
        }

        if (ended.Count > 0)
        {
            await WorkflowAdvancer.AdvanceAsync(session.Graph, ended, now, cancellationToken);
        }

        return stopping;
    }
}
