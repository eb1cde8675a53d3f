using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Pause, resume and priority of a task, inside the store's write transaction: a pending task is paused at once, a
/// running one (or one waiting for a person) by its worker, which ends the attempt with the task paused.
/// </summary>
internal static class TaskControls
{
    private static readonly string Pending = TaskState.Pending.ToWire();
    private static readonly string Paused = TaskState.Paused.ToWire();

    /// <summary>Pauses a task at once, or records the request for its worker (see <see cref="ITaskStore.PauseAsync"/>).</summary>
    public static async Task<TaskChangeResult> PauseAsync(WriteSession session, string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = await TaskRows.GetAsync(session, id, cancellationToken);
        if (task is null)
        {
            return new TaskChangeResult(TaskChangeOutcome.NotFound, null);
        }

        if (task.Status is TaskState.Running or TaskState.InputRequired)
        {
            if (task.PauseRequested)
            {
                return new TaskChangeResult(TaskChangeOutcome.Requested, task);
            }

            // Its worker interrupts the agent, keeping the session, and ends the attempt with the task paused.
            await session.Command("UPDATE tasks SET pause_requested = 1, pause_reason = $reason, updated_at = $now WHERE id = $id")
                .With("$reason", reason).With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
            return new TaskChangeResult(TaskChangeOutcome.Requested, await TaskRows.GetAsync(session, id, cancellationToken));
        }

        if (task.Status is not (TaskState.Pending or TaskState.Retrying))
        {
            return new TaskChangeResult(TaskChangeOutcome.NotAllowed, task);
        }

        await session.Command($"UPDATE tasks SET status = '{Paused}', pause_reason = $reason, updated_at = $now WHERE id = $id")
            .With("$reason", reason).With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendIfAnyAsync(InteractionEvents.Paused(Change(task, TaskState.Paused, now), reason), cancellationToken);
        return new TaskChangeResult(TaskChangeOutcome.Changed, await TaskRows.GetAsync(session, id, cancellationToken));
    }

    /// <summary>Resumes a paused task, or withdraws a pause not carried out yet (see <see cref="ITaskStore.ResumeAsync"/>).</summary>
    public static async Task<TaskChangeResult> ResumeAsync(WriteSession session, string id, string? message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = await TaskRows.GetAsync(session, id, cancellationToken);
        if (task is null)
        {
            return new TaskChangeResult(TaskChangeOutcome.NotFound, null);
        }

        if (task.PauseRequested && task.Status is TaskState.Running or TaskState.InputRequired)
        {
            // Not carried out yet: the request is withdrawn and the attempt runs on.
            await session.Command("UPDATE tasks SET pause_requested = 0, pause_reason = NULL, updated_at = $now WHERE id = $id")
                .With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
            return new TaskChangeResult(TaskChangeOutcome.Changed, await TaskRows.GetAsync(session, id, cancellationToken));
        }

        if (task.Status != TaskState.Paused)
        {
            return new TaskChangeResult(TaskChangeOutcome.NotAllowed, task);
        }

        await session.Command(
            $"""
            UPDATE tasks SET status = '{Pending}', pause_reason = NULL, pause_requested = 0, due_at = $now, updated_at = $now,
                follow_up = coalesce($message, follow_up)
            WHERE id = $id
            """).With("$message", message).With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
        await session.Events.AppendIfAnyAsync(EventRules.ForTask(Change(task, TaskState.Pending, now)), cancellationToken);
        if (task.Blocked)
        {
            // Its dependencies may have ended while it was paused: release it (or cancel it) now.
            await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
        }

        return new TaskChangeResult(TaskChangeOutcome.Changed, await TaskRows.GetAsync(session, id, cancellationToken));
    }

    /// <summary>Changes the priority of a task not running yet (see <see cref="ITaskStore.SetPriorityAsync"/>).</summary>
    public static async Task<TaskChangeResult> SetPriorityAsync(WriteSession session, string id, TaskPriority priority, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await session.Command(
            $"UPDATE tasks SET priority = $priority, updated_at = $now WHERE id = $id AND status IN ('{Pending}', 'retrying', '{Paused}')")
            .With("$priority", (int)priority).With("$now", ToUnixMs(now)).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
        var task = await TaskRows.GetAsync(session, id, cancellationToken);
        return new TaskChangeResult(task is null ? TaskChangeOutcome.NotFound : changed == 0 ? TaskChangeOutcome.NotAllowed : TaskChangeOutcome.Changed, task);
    }

    private static TaskChange Change(TaskRecord task, TaskState status, DateTimeOffset now) =>
        new(task.Id, task.Definition.WorkflowId, task.Definition.PhaseId, task.Status, status, task.AttemptCount, null, null, task.Definition.CreatedBy, now);
}
