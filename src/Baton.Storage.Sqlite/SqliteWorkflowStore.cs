using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The workflow side of the SQLite store: building, starting, cancelling and reading workflows.</summary>
public sealed class SqliteWorkflowStore : IWorkflowStore, IAsyncDisposable
{
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
        database.WriteAsync(session => WorkflowCancellation.CancelAsync(session, workflowId, now, cancellationToken), cancellationToken);

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
        database.RunAsync(connection => WorkflowContentsQuery.ReadAsync(connection, workflowId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => WorkflowListing.ReadAsync(connection, query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => IdPrefixes.FindAsync(connection, "workflows", prefix, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, TimeSpan>> TypicalDurationsAsync(IReadOnlyCollection<string> taskNames, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TypicalDurationsQuery.ReadAsync(connection, taskNames, cancellationToken), cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
