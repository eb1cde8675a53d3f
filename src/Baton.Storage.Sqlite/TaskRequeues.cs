using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// A person's manual retry or follow-up of an ended task, inside the store's write transaction: the task goes back
/// to the queue, and what its failure cancelled (in its workflow, and downstream of it) is re-opened with it.
/// </summary>
internal static class TaskRequeues
{
    private static readonly string Cancelled = TaskState.Cancelled.ToWire();
    private static readonly string Pending = TaskState.Pending.ToWire();

    /// <summary>Queues an ended task again with a follow-up for its agent (see <see cref="ITaskStore.ContinueAsync"/>).</summary>
    public static async Task<RequeueResult> ContinueAsync(WriteSession session, string id, string followUp, DateTimeOffset now, CancellationToken cancellationToken)
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

        if (await InCancelledWorkflowAsync(session, task, cancellationToken))
        {
            return new RequeueResult(RequeueOutcome.WorkflowCancelled, task);
        }

        await session.Command(
            """
            UPDATE tasks SET status = 'pending', due_at = $now, updated_at = $now, completed_at = NULL, result = NULL,
                error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = $followUp
            WHERE id = $id
            """).With("$id", id).With("$now", ToUnixMs(now)).With("$followUp", followUp).ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendIfAnyAsync(EventRules.ForTask(TaskRows.Change(task, TaskState.Pending, null, now)), cancellationToken);
        await ReopenDependentsAsync(session, task, now, cancellationToken);
        await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
        return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
    }

    /// <summary>Queues a failed, cancelled or timed-out task again from the start (see <see cref="ITaskStore.RequeueAsync"/>).</summary>
    public static async Task<RequeueResult> RequeueAsync(WriteSession session, string id, DateTimeOffset now, CancellationToken cancellationToken)
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

        if (await InCancelledWorkflowAsync(session, task, cancellationToken))
        {
            return new RequeueResult(RequeueOutcome.WorkflowCancelled, task);
        }

        // Waiting tasks go back to waiting: its dependencies are checked again (and its upstream summary rebuilt).
        var blocked = task.Definition.WorkflowId is not null || task.Definition.DependsOn.Count > 0;
        var update = session.Command(
            """
            UPDATE tasks SET status = 'pending', due_at = $now, updated_at = $now, completed_at = NULL, result = NULL,
                error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = NULL,
                blocked = $blocked, cancel_cause = NULL
            WHERE id = $id
            """).With("$id", id).With("$now", ToUnixMs(now)).With("$blocked", blocked ? 1 : 0);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendIfAnyAsync(EventRules.ForTask(TaskRows.Change(task, TaskState.Pending, null, now)), cancellationToken);
        await ReopenDependentsAsync(session, task, now, cancellationToken);
        await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
        return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
    }

    /// <summary>
    /// A retry or follow-up re-opens what the failure cancelled: in a workflow, every task the rules cancelled (the
    /// workflow is re-opened too); and the tasks on their own downstream that were cancelled because of it.
    /// </summary>
    private static async Task ReopenDependentsAsync(WriteSession session, TaskRecord task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Reopen = "status = $pending, blocked = 1, cancel_cause = NULL, error = NULL, completed_at = NULL, updated_at = $now, due_at = $now";
        const string Reopened = "RETURNING id, workflow_id, phase_id, attempt_count, created_by";
        if (task.Definition.WorkflowId is { } workflowId)
        {
            await ReopenedAsync(
                session,
                session.Command($"UPDATE tasks SET {Reopen} WHERE workflow_id = $workflow AND status = $cancelled AND cancel_cause IS NOT NULL {Reopened}")
                    .With("$workflow", workflowId).With("$now", ToUnixMs(now)).With("$pending", Pending).With("$cancelled", Cancelled),
                now,
                cancellationToken);

            // The rules then derive its status again; running lets them see it as started.
            string? owner = null;
            WorkflowState? was = null;
            await using (var reader = await session.Command("SELECT status, created_by FROM workflows WHERE id = $workflow").With("$workflow", workflowId).ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken) && WorkflowStates.TryParse(reader.GetString(0), out var status) && status is WorkflowState.Completed or WorkflowState.Failed)
                {
                    (was, owner) = (status, reader.GetStringOrNull(1));
                }
            }

            if (was is { } old)
            {
                await session.Command("UPDATE workflows SET status = $running, error = NULL, completed_at = NULL, updated_at = $now WHERE id = $workflow")
                    .With("$workflow", workflowId).With("$now", ToUnixMs(now)).With("$running", WorkflowState.Running.ToWire()).ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendIfAnyAsync(EventRules.ForWorkflow(workflowId, old, WorkflowState.Running, null, owner, now), cancellationToken);
            }
        }

        // Tasks on their own downstream (of this task, or of any task of its workflow, all of which may run again).
        await ReopenedAsync(
            session,
            session.Command(
                $"""
                WITH RECURSIVE downstream (seq) AS (
                    SELECT d.task_seq FROM task_dependencies d JOIN tasks u ON u.seq = d.upstream_seq
                    WHERE u.id = $id OR (u.workflow_id = $workflow AND u.has_dependents = 1)
                    UNION
                    SELECT d.task_seq FROM task_dependencies d JOIN downstream ON d.upstream_seq = downstream.seq
                )
                UPDATE tasks SET {Reopen}
                WHERE seq IN (SELECT seq FROM downstream) AND workflow_id IS NULL AND status = $cancelled AND cancel_cause = $upstream
                {Reopened}
                """).With("$id", task.Id).With("$workflow", task.Definition.WorkflowId).With("$now", ToUnixMs(now))
                .With("$pending", Pending).With("$cancelled", Cancelled).With("$upstream", CancelCause.Upstream.ToWire()),
            now,
            cancellationToken);
    }

    /// <summary>Logs the re-opening of the cancelled tasks an update returned.</summary>
    private static async Task ReopenedAsync(WriteSession session, SqliteCommand update, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<TaskChange>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new TaskChange(reader.GetString(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2), TaskState.Cancelled, TaskState.Pending,
                    reader.GetInt32(3), null, null, reader.GetStringOrNull(4), now));
            }
        }

        foreach (var change in changes)
        {
            await session.Events.AppendIfAnyAsync(EventRules.ForTask(change), cancellationToken);
        }
    }

    private static async Task<bool> InCancelledWorkflowAsync(WriteSession session, TaskRecord task, CancellationToken cancellationToken) =>
        task.Definition.WorkflowId is { } workflowId
        && await session.Command("SELECT status FROM workflows WHERE id = $id").With("$id", workflowId).ExecuteScalarAsync(cancellationToken) is string status && status == WorkflowState.Cancelled.ToWire();
}
