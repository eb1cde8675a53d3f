using Baton.Core.Access;
using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The task side of the PostgreSQL store: queuing, reading, listing, cancel and manual retry.</summary>
internal sealed class PostgresTaskStore(PostgresDatabase database) : ITaskStore
{
    private const string NotRunError = "cancelled before it ran";
    private static readonly string CancellableNow = SourcesOf(TaskState.Cancelled);
    private static readonly string Cancelled = TaskState.Cancelled.ToWire();



    /// <inheritdoc />
    public Task<EnqueueResult> EnqueueAsync(string id, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                if (definition.IdempotencyKey is { } key)
                {
                    var find = session.Command($"SELECT {TaskRows.Columns} FROM tasks WHERE idempotency_key = @key").With("@key", key);
                    if (await TaskRows.ReadOneAsync(find, cancellationToken) is { } existing)
                    {
                        return new EnqueueResult(existing, Created: false);
                    }
                }

                // A task without dependencies is written with the commit: one round trip for the whole enqueue.
                var task = await TaskRows.InsertAsync(session, id, definition, now, blocked: definition.DependsOn.Count > 0, cancellationToken, deferred: true);
                if (task.Blocked)
                {
                    // Its dependencies may have ended already: release it (or cancel it) at once.
                    await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                    task = await TaskRows.GetAsync(session, id, cancellationToken) ?? task;
                }

                return new EnqueueResult(task, Created: true);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskRows.GetAsync(connection, id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => IdPrefixes.FindAsync(connection, "tasks", prefix, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string taskId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AttemptRecord>>(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {AttemptRows.Columns} FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) ORDER BY number").With("@id", taskId);
                var attempts = new List<AttemptRecord>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    attempts.Add(AttemptRows.Read(reader));
                }

                return attempts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskListing.ReadAsync(connection, query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentRunStats>> AgentStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => AgentStatsQuery.ReadAsync(connection, since, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskStatsGroup>> TaskStatsAsync(DateTimeOffset since, DateTimeOffset now, StatsGrouping by, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskStatsQuery.ReadAsync(connection, since, by, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskFailureGroup>> FailureGroupsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => FailureGroupsQuery.ReadAsync(connection, since, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<CancelResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.LockAsync(session, id, cancellationToken);
                if (task is null)
                {
                    return new CancelResult(CancelOutcome.NotFound, null);
                }

                if (task.Status.IsTerminal())
                {
                    return new CancelResult(CancelOutcome.AlreadyEnded, task);
                }

                // An agent waiting for a person still runs under its worker, which stops it.
                var running = task.Status is TaskState.Running or TaskState.InputRequired;
                var sql = running
                    ? "UPDATE tasks SET cancel_requested = 1, updated_at = @now WHERE id = @id AND status IN ('running', 'input_required')"
                    : $"UPDATE tasks SET status = '{Cancelled}', blocked = 0, error = '{NotRunError}', completed_at = @now, updated_at = @now WHERE id = @id AND status IN ({CancellableNow})";
                var update = session.Command(sql).With("@id", id).With("@now", ToUnixMs(now));
                var changed = await update.ExecuteNonQueryAsync(cancellationToken);
                if (!running && changed == 1)
                {
                    await session.Events.AppendIfAnyAsync(EventRules.ForTask(Change(task, TaskState.Cancelled, NotRunError, now)), cancellationToken);
                    await InteractionRows.WithdrawForTaskAsync(session, id, TaskState.Cancelled, now, cancellationToken);
                }

                if (!running)
                {
                    await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                }

                var after = await TaskRows.GetAsync(session, id, cancellationToken);
                return new CancelResult(running ? CancelOutcome.Requested : CancelOutcome.Cancelled, after);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> ContinueAsync(string id, string followUp, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.LockAsync(session, id, cancellationToken);
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
                    UPDATE tasks SET status = 'pending', due_at = @now, updated_at = @now, completed_at = NULL, result = NULL,
                        error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = @followUp
                    WHERE id = @id
                    """).With("@id", id).With("@now", ToUnixMs(now)).With("@followUp", followUp).ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendIfAnyAsync(EventRules.ForTask(Change(task, TaskState.Pending, null, now)), cancellationToken);
                await TaskReopening.ReopenDependentsAsync(session, task, now, cancellationToken);
                await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> RequeueAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.LockAsync(session, id, cancellationToken);
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
                    UPDATE tasks SET status = 'pending', due_at = @now, updated_at = @now, completed_at = NULL, result = NULL,
                        error = NULL, failure_count = 0, rescue_count = 0, cancel_requested = 0, follow_up = NULL,
                        blocked = @blocked, cancel_cause = NULL
                    WHERE id = @id
                    """).With("@id", id).With("@now", ToUnixMs(now)).With("@blocked", blocked ? 1 : 0);
                await update.ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendIfAnyAsync(EventRules.ForTask(Change(task, TaskState.Pending, null, now)), cancellationToken);
                await TaskReopening.ReopenDependentsAsync(session, task, now, cancellationToken);
                await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                return new RequeueResult(RequeueOutcome.Requeued, await TaskRows.GetAsync(session, id, cancellationToken));
            },
            cancellationToken);

    private static TaskChange Change(TaskRecord task, TaskState status, string? error, DateTimeOffset now) =>
        new(task.Id, task.Definition.WorkflowId, task.Definition.PhaseId, task.Status, status, task.AttemptCount, error, null, task.Definition.CreatedBy, now);

    private static async Task<bool> InCancelledWorkflowAsync(PgSession session, TaskRecord task, CancellationToken cancellationToken) =>
        task.Definition.WorkflowId is { } workflowId
        && await session.Command("SELECT status FROM workflows WHERE id = @id").With("@id", workflowId).ExecuteScalarAsync(cancellationToken) is string status && status == WorkflowState.Cancelled.ToWire();

    /// <inheritdoc />
    public Task<TaskChangeResult> PauseAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.PauseAsync(session, id, reason, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskChangeResult> ResumeAsync(string id, string? message, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.ResumeAsync(session, id, message, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskChangeResult> SetPriorityAsync(string id, TaskPriority priority, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.SetPriorityAsync(session, id, priority, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetBudgetAsync(string id, decimal budgetUsd, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE tasks SET budget_usd = @budget, updated_at = @now WHERE id = @id")
                .With("@id", id).With("@now", ToUnixMs(now)).With("@budget", budgetUsd)
                .ExecuteNonQueryAsync(cancellationToken) > 0,
            cancellationToken);
}
