using Baton.Core.Events;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// Undoing the cancellations a task's failure caused, shared by a manual retry and a follow-up: unlike the rest of
/// those calls it writes rows other than the task's own (its workflow's cancelled tasks, the workflow itself, and
/// cancelled tasks downstream of it), each with its event.
/// </summary>
internal static class TaskReopening
{
    private static readonly string Cancelled = TaskState.Cancelled.ToWire();
    private static readonly string Pending = TaskState.Pending.ToWire();

    /// <summary>
    /// A retry or follow-up re-opens what the failure cancelled: in a workflow, every task the rules cancelled (the
    /// workflow is re-opened too); and the tasks on their own downstream that were cancelled because of it.
    /// </summary>
    public static async Task ReopenDependentsAsync(PgSession session, TaskRecord task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Reopen = "status = @pending, blocked = 1, cancel_cause = NULL, error = NULL, completed_at = NULL, updated_at = @now, due_at = @now";
        const string Reopened = "RETURNING id, workflow_id, phase_id, attempt_count, created_by";
        if (task.Definition.WorkflowId is { } workflowId)
        {
            await ReopenedAsync(
                session,
                session.Command($"UPDATE tasks SET {Reopen} WHERE workflow_id = @workflow AND status = @cancelled AND cancel_cause IS NOT NULL {Reopened}")
                    .With("@workflow", workflowId).With("@now", ToUnixMs(now)).With("@pending", Pending).With("@cancelled", Cancelled),
                now,
                cancellationToken);

            // The rules then derive its status again; running lets them see it as started.
            string? owner = null;
            WorkflowState? was = null;
            await using (var reader = await session.Command("SELECT status, created_by FROM workflows WHERE id = @workflow").With("@workflow", workflowId).ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken) && WorkflowStates.TryParse(reader.GetString(0), out var status) && status is WorkflowState.Completed or WorkflowState.Failed)
                {
                    (was, owner) = (status, reader.GetStringOrNull(1));
                }
            }

            if (was is { } old)
            {
                await session.Command("UPDATE workflows SET status = @running, error = NULL, completed_at = NULL, updated_at = @now WHERE id = @workflow")
                    .With("@workflow", workflowId).With("@now", ToUnixMs(now)).With("@running", WorkflowState.Running.ToWire()).ExecuteNonQueryAsync(cancellationToken);
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
                    WHERE u.id = @id OR (u.workflow_id = @workflow AND u.has_dependents = 1)
                    UNION
                    SELECT d.task_seq FROM task_dependencies d JOIN downstream ON d.upstream_seq = downstream.seq
                )
                UPDATE tasks SET {Reopen}
                WHERE seq IN (SELECT seq FROM downstream) AND workflow_id IS NULL AND status = @cancelled AND cancel_cause = @upstream
                {Reopened}
                """).With("@id", task.Id).With("@workflow", task.Definition.WorkflowId).With("@now", ToUnixMs(now))
                .With("@pending", Pending).With("@cancelled", Cancelled).With("@upstream", CancelCause.Upstream.ToWire()),
            now,
            cancellationToken);
    }

    /// <summary>Logs the re-opening of the cancelled tasks an update returned.</summary>
    private static async Task ReopenedAsync(PgSession session, NpgsqlCommand update, DateTimeOffset now, CancellationToken cancellationToken)
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
}
