using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The workflow side of the SQLite store: building, starting, cancelling and reading workflows.</summary>
public sealed class SqliteWorkflowStore : IWorkflowStore, IAsyncDisposable
{
    private const string CancelledByUser = "cancelled by a user";
    private const string NotRunError = "not run: the workflow was cancelled";
    private static readonly string Waiting = string.Join(", ", new[] { TaskState.Pending, TaskState.Retrying, TaskState.Paused }.Select(s => $"'{s.ToWire()}'"));
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/> (already initialised by the task store).</summary>
    public SqliteWorkflowStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<WorkflowRecord> CreateAsync(WorkflowBlueprint blueprint, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var workflow = blueprint.Workflow;
                if (await WorkflowRows.ReadOneAsync(session.Command(WorkflowRows.ByIdSql).With("$id", workflow.Id), cancellationToken) is { } existing)
                {
                    // An id derived from a schedule's occurrence, created again after a crash: the first workflow stands.
                    return existing;
                }

                await WorkflowRows.EnsureKeysFreeAsync(session, blueprint.Tasks.Select(t => t.Definition), cancellationToken);
                await session.Command(
                    """
                    INSERT INTO workflows (id, name, description, status, failure_policy, upstream_task_cap, upstream_total_cap, created_at, updated_at, started_at, created_by, budget_usd)
                    VALUES ($id, $name, $description, $status, $policy, $taskCap, $totalCap, $now, $now, $started, $createdBy, $budget)
                    """).With("$id", workflow.Id).With("$name", workflow.Name).With("$description", workflow.Description)
                    .With("$status", workflow.Status.ToWire()).With("$policy", workflow.FailurePolicy.ToWire())
                    .With("$taskCap", workflow.UpstreamLimits.PerTaskBytes).With("$totalCap", workflow.UpstreamLimits.TotalBytes)
                    .With("$now", ToUnixMs(now)).With("$started", Db(workflow.StartedAt)).With("$createdBy", workflow.CreatedBy)
                    .With("$budget", workflow.BudgetUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendIfAnyAsync(EventRules.ForWorkflowCreated(workflow with { CreatedAt = now }), cancellationToken);
                foreach (var phase in blueprint.Phases)
                {
                    await WorkflowRows.InsertPhaseAsync(session, workflow.Id, phase, cancellationToken);
                }

                foreach (var task in blueprint.Tasks)
                {
                    var definition = task.Definition with { WorkflowId = workflow.Id };
                    await TaskRows.InsertAsync(session, task.Id, definition, now, blocked: true, cancellationToken);
                }

                await WorkflowAdvancer.ReconcileAsync(session.Graph, workflow.Id, now, cancellationToken);
                return (await WorkflowRows.ReadOneAsync(session.Command(WorkflowRows.ByIdSql).With("$id", workflow.Id), cancellationToken))!;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot?> GetSnapshotAsync(string workflowId, CancellationToken cancellationToken = default) =>
        // Read under the write lock: the checks made on it then hold until the change that follows.
        database.WriteAsync(session => WorkflowRows.SnapshotAsync(session, workflowId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddPhaseAsync(string workflowId, PhaseRecord phase, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var draft = await session.Command("UPDATE workflows SET updated_at = $now WHERE id = $id AND status = 'draft'")
                    .With("$id", workflowId).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
                var exists = await session.Command("SELECT count(*) FROM phases WHERE workflow_id = $id AND phase_id = $phase")
                    .With("$id", workflowId).With("$phase", phase.PhaseId).ExecuteScalarAsync(cancellationToken) is long count && count > 0;
                if (draft == 0 || exists)
                {
                    return false;
                }

                await WorkflowRows.InsertPhaseAsync(session, workflowId, phase, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TaskRecord?> AddTaskAsync(string taskId, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var open = await session.Command(
                    """
                    SELECT count(*) FROM workflows w JOIN phases p ON p.workflow_id = w.id
                    WHERE w.id = $id AND p.phase_id = $phase AND w.status NOT IN ('completed', 'failed', 'cancelled') AND p.status NOT IN ('completed', 'failed', 'cancelled')
                    """).With("$id", definition.WorkflowId).With("$phase", definition.PhaseId).ExecuteScalarAsync(cancellationToken) is long count && count > 0;
                if (!open)
                {
                    return null;
                }

                await WorkflowRows.EnsureKeysFreeAsync(session, [definition], cancellationToken);
                await TaskRows.InsertAsync(session, taskId, definition, now, blocked: true, cancellationToken);
                await WorkflowAdvancer.ReconcileAsync(session.Graph, definition.WorkflowId!, now, cancellationToken);
                return await TaskRows.GetAsync(session, taskId, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> StartAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var started = await session.Command("UPDATE workflows SET status = $running, started_at = $now, updated_at = $now WHERE id = $id AND status = $draft RETURNING created_by")
                    .With("$id", workflowId).With("$now", ToUnixMs(now)).With("$running", WorkflowState.Running.ToWire()).With("$draft", WorkflowState.Draft.ToWire())
                    .ExecuteReaderAsync(cancellationToken);
                string? owner;
                await using (started)
                {
                    if (!await started.ReadAsync(cancellationToken))
                    {
                        return false;
                    }

                    owner = started.GetStringOrNull(0);
                }

                await session.Events.AppendIfAnyAsync(EventRules.ForWorkflow(workflowId, WorkflowState.Draft, WorkflowState.Running, null, owner, now), cancellationToken);

                await WorkflowAdvancer.ReconcileAsync(session.Graph, workflowId, now, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int?> CancelAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync<int?>(
            async session =>
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
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<GateDecisionResult> DecideGateAsync(string workflowId, string phaseId, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => PhaseGates.DecideAsync(session.Graph, workflowId, phaseId, response, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetPausedAsync(string workflowId, string? pausedBy, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var changed = await session.Command(
                    """
                    UPDATE workflows SET paused_at = $pausedAt, paused_by = $pausedBy, updated_at = $now
                    WHERE id = $id AND status NOT IN ('draft', 'completed', 'failed', 'cancelled') AND (paused_at IS NULL) = $pausing
                    """).With("$id", workflowId).With("$now", ToUnixMs(now)).With("$pausedAt", pausedBy is null ? (long?)null : ToUnixMs(now))
                    .With("$pausedBy", pausedBy).With("$pausing", pausedBy is not null).ExecuteNonQueryAsync(cancellationToken);
                if (changed == 0)
                {
                    return false;
                }

                await WorkflowAdvancer.ReconcileAsync(session.Graph, workflowId, now, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetBudgetAsync(string workflowId, decimal budgetUsd, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE workflows SET budget_usd = $budget, updated_at = $now WHERE id = $id")
                .With("$id", workflowId).With("$now", ToUnixMs(now)).With("$budget", budgetUsd.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ExecuteNonQueryAsync(cancellationToken) > 0,
            cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowContents?> GetContentsAsync(string workflowId, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                // One read transaction, so the workflow, its tasks and their attempts agree with each other.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var sqliteTransaction = (SqliteTransaction)transaction;
                await using var byId = Command(connection, WorkflowRows.ByIdSql, sqliteTransaction).With("$id", workflowId);
                var workflow = await WorkflowRows.ReadOneAsync(byId, cancellationToken);
                if (workflow is null)
                {
                    return null;
                }

                await using var phasesQuery = Command(connection, WorkflowRows.PhasesSql, sqliteTransaction).With("$id", workflowId);
                var phases = await WorkflowRows.ReadPhasesAsync(phasesQuery, cancellationToken);
                var tasks = new List<TaskRecord>();
                await using (var command = Command(connection, $"SELECT {TaskRows.Columns} FROM tasks WHERE workflow_id = $id ORDER BY seq", sqliteTransaction).With("$id", workflowId))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        tasks.Add(TaskRows.Read(reader));
                    }
                }

                var attempts = new Dictionary<string, List<AttemptRecord>>(StringComparer.Ordinal);
                await using (var command = Command(
                    connection,
                    $"SELECT {AttemptRows.Columns} FROM attempts WHERE task_seq IN (SELECT seq FROM tasks WHERE workflow_id = $id) ORDER BY task_seq, number",
                    sqliteTransaction).With("$id", workflowId))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var attempt = AttemptRows.Read(reader);
                        if (!attempts.TryGetValue(attempt.Key.TaskId, out var list))
                        {
                            attempts[attempt.Key.TaskId] = list = [];
                        }

                        list.Add(attempt);
                    }
                }

                return new WorkflowContents(workflow, phases, tasks, attempts.ToDictionary(p => p.Key, p => (IReadOnlyList<AttemptRecord>)p.Value));
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<WorkflowSummary>>(
            async connection =>
            {
                var sql = $"""
                    SELECT {WorkflowRows.Columns},
                        (SELECT count(*) FROM phases p WHERE p.workflow_id = w.id),
                        (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id),
                        (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status IN ('completed', 'failed', 'cancelled', 'timed_out')),
                        (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status = 'completed'),
                        (SELECT count(*) FROM tasks t WHERE t.workflow_id = w.id AND t.status = 'running')
                    FROM workflows w {(query.Status is null ? string.Empty : "WHERE w.status = $status")}
                    ORDER BY w.seq DESC LIMIT $limit
                    """;
                await using var command = Command(connection, sql).With("$status", query.Status?.ToWire()).With("$limit", query.Limit);
                var list = new List<WorkflowSummary>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    list.Add(new WorkflowSummary(WorkflowRows.Read(reader), reader.GetInt32(WorkflowRows.ColumnCount), reader.GetInt32(WorkflowRows.ColumnCount + 1), reader.GetInt32(WorkflowRows.ColumnCount + 2),
                        reader.GetInt32(WorkflowRows.ColumnCount + 3), reader.GetInt32(WorkflowRows.ColumnCount + 4)));
                }

                return list;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => IdPrefixes.FindAsync(connection, "workflows", prefix, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, TimeSpan>> TypicalDurationsAsync(IReadOnlyCollection<string> taskNames, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyDictionary<string, TimeSpan>>(
            async connection =>
            {
                var typical = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
                await using var command = Command(
                    connection,
                    """
                    SELECT a.ended_at - a.started_at FROM tasks t INDEXED BY ix_tasks_workflow_name JOIN attempts a ON a.task_seq = t.seq
                    WHERE t.name = $name AND t.workflow_id IS NOT NULL AND a.status = 'completed'
                    ORDER BY t.seq DESC LIMIT 20
                    """);
                var name = command.Parameters.Add("$name", SqliteType.Text);
                foreach (var taskName in taskNames)
                {
                    name.Value = taskName;
                    var durations = new List<long>();
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        durations.Add(reader.GetInt64(0));
                    }

                    if (durations.Count > 0)
                    {
                        durations.Sort();
                        typical[taskName] = TimeSpan.FromMilliseconds(durations[durations.Count / 2]);
                    }
                }

                return typical;
            },
            cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
