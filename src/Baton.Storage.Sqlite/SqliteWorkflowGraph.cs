using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The workflow graph in SQLite, for <see cref="WorkflowAdvancer"/> inside one write transaction. The workflow's
/// lock is the database's single writer: the transaction began with BEGIN IMMEDIATE, so nothing else writes until
/// it commits. Statuses are bound as parameters from Core's enums; no rule lives here.
/// </summary>
internal sealed class SqliteWorkflowGraph(WriteSession session) : IWorkflowGraphSession
{
    private const string PlaceSql = "SELECT workflow_id, status, blocked, has_dependents FROM tasks WHERE id = $id";

    private const string DependentsSql = """
        SELECT t.id FROM task_dependencies d JOIN tasks t ON t.seq = d.task_seq
        WHERE d.upstream_seq = (SELECT seq FROM tasks WHERE id = $id) AND t.workflow_id IS NULL AND t.status = $pending AND t.blocked = 1
        ORDER BY t.seq
        """;

    // An upstream task's latest capsule, read from the capsules' task index: handed over with its result.
    private const string Latest = "(SELECT c.capsule FROM context_capsules c WHERE c.task_id = u.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1)";

    private const string UpstreamOfSql = $"""
        SELECT u.id, u.name, u.status, u.agent_name, u.runner, u.program, u.result, {Latest}
        FROM task_dependencies d JOIN tasks u ON u.seq = d.upstream_seq WHERE d.task_seq = (SELECT seq FROM tasks WHERE id = $id) ORDER BY u.seq
        """;

    private const string WorkflowUpstreamSql = $"""
        SELECT u.id, u.name, u.status, u.agent_name, u.runner, u.program, u.result, {Latest} FROM tasks u
        WHERE workflow_id = $workflow AND (phase_id IN (SELECT value FROM json_each($phases)) OR id IN (SELECT value FROM json_each($tasks)))
        ORDER BY seq
        """;

    private const string CancelSql = """
        UPDATE tasks SET status = $cancelled, blocked = 0, cancel_cause = $cause, error = $reason, completed_at = $now, updated_at = $now
        WHERE id = $id AND status = $pending
        RETURNING workflow_id, phase_id, attempt_count, created_by
        """;

    private const string ReleaseSql = "UPDATE tasks SET blocked = 0, upstream_context = $context, updated_at = $now WHERE id = $id AND blocked = 1";

    private const string HoldSql = """
        UPDATE tasks SET blocked = 0, upstream_context = $context, status = $paused, pause_reason = $reason, updated_at = $now
        WHERE id = $id AND blocked = 1 AND status = $pending
        RETURNING workflow_id, phase_id, attempt_count, created_by
        """;

    private const string FailSql = """
        UPDATE tasks SET status = $failed, blocked = 0, error = $reason, completed_at = $now, updated_at = $now
        WHERE id = $id AND status = $pending
        RETURNING workflow_id, phase_id, attempt_count, created_by
        """;

    private const string OpenGateSql = "SELECT id FROM interactions WHERE workflow_id = $workflow AND phase_id = $phase AND task_id IS NULL AND status = $open";

    private const string InsertGateSql = """
        INSERT INTO interactions (id, workflow_id, phase_id, kind, status, summary, ask, fingerprint, created_at, raised_at)
        VALUES ($id, $workflow, $phase, $kind, $open, $summary, $ask, $fingerprint, $now, $now)
        """;

    private const string GateSql = """
        UPDATE phases SET gate_decision = $decision, gate_message = $message, gate_decided_by = $by, gate_decided_at = $now
        WHERE workflow_id = $workflow AND phase_id = $phase AND gate_decision IS NULL
        """;

    // Nobody waits to be told of a gate's answer: it is applied in this transaction, so it is delivered as it is stored.
    private const string AnswerSql = """
        UPDATE interactions SET status = $answered, response = $response, responded_by = $by, closed_at = $now, delivered_at = $now
        WHERE id = $id AND status = $open
        """;

    private const string WithdrawSql = """
        UPDATE interactions SET status = $withdrawn, close_reason = $reason, closed_at = $now WHERE id = $id AND status = $open
        """;

    private const string PhaseSql = """
        UPDATE phases SET status = $status,
            started_at = CASE WHEN $started = 1 THEN coalesce(started_at, $now) ELSE started_at END,
            completed_at = CASE WHEN $ended = 1 THEN coalesce(completed_at, $now) ELSE NULL END
        WHERE workflow_id = $workflow AND phase_id = $phase
        RETURNING started_at, completed_at
        """;

    private const string WorkflowSql = """
        UPDATE workflows SET status = $status, error = $error, updated_at = $now,
            completed_at = CASE WHEN $ended = 1 THEN coalesce(completed_at, $now) ELSE NULL END
        WHERE id = $id
        """;

    private static readonly string Pending = TaskState.Pending.ToWire();

    /// <inheritdoc />
    public IEventAppender Events => session.Events;

    /// <inheritdoc />
    public async Task<TaskPlace?> GetPlaceAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var reader = await session.Command(PlaceSql).With("$id", taskId).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        TaskStates.TryParse(reader.GetString(1), out var status);
        return new TaskPlace(taskId, reader.GetStringOrNull(0), status, reader.GetInt64(2) != 0, reader.GetInt64(3) != 0);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> WaitingDependentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await using var reader = await session.Command(DependentsSql).With("$id", taskId).With("$pending", Pending).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UpstreamResult>> UpstreamOfAsync(string taskId, CancellationToken cancellationToken = default) =>
        ReadUpstreamAsync(session.Command(UpstreamOfSql).With("$id", taskId), cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot?> LockWorkflowAsync(string workflowId, CancellationToken cancellationToken = default) =>
        // The single writer already holds the database for this transaction: reading is taking the lock.
        WorkflowRows.SnapshotAsync(session, workflowId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UpstreamResult>> WorkflowUpstreamAsync(
        string workflowId, IReadOnlyList<string> phaseIds, IReadOnlyList<string> taskIds, CancellationToken cancellationToken = default) =>
        ReadUpstreamAsync(
            session.Command(WorkflowUpstreamSql).With("$workflow", workflowId).With("$phases", StoreJson.List(phaseIds)).With("$tasks", StoreJson.List(taskIds)),
            cancellationToken);

    /// <inheritdoc />
    public async Task<TaskChange?> CancelAsync(string taskId, CancelCause cause, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var reader = await session.Command(CancelSql).With("$cancelled", TaskState.Cancelled.ToWire()).With("$pending", Pending)
            .With("$id", taskId).With("$cause", cause.ToWire()).With("$reason", reason).With("$now", ToUnixMs(now)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TaskChange(taskId, reader.GetStringOrNull(0), reader.GetStringOrNull(1), TaskState.Pending, TaskState.Cancelled,
                reader.GetInt32(2), reason, null, reader.GetStringOrNull(3), now)
            : null;
    }

    /// <inheritdoc />
    public async Task<TaskChange?> ReleaseAsync(string taskId, string? upstreamSummary, string? holdReason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (holdReason is null)
        {
            await session.Command(ReleaseSql).With("$id", taskId).With("$context", upstreamSummary).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
            return null;
        }

        await using var reader = await session.Command(HoldSql).With("$id", taskId).With("$context", upstreamSummary).With("$paused", TaskState.Paused.ToWire())
            .With("$reason", holdReason).With("$pending", Pending).With("$now", ToUnixMs(now)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TaskChange(taskId, reader.GetStringOrNull(0), reader.GetStringOrNull(1), TaskState.Pending, TaskState.Paused,
                reader.GetInt32(2), null, null, reader.GetStringOrNull(3), now)
            : null;
    }

    /// <inheritdoc />
    public async Task<TaskChange?> FailAsync(string taskId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var reader = await session.Command(FailSql).With("$failed", TaskState.Failed.ToWire()).With("$pending", Pending)
            .With("$id", taskId).With("$reason", reason).With("$now", ToUnixMs(now)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TaskChange(taskId, reader.GetStringOrNull(0), reader.GetStringOrNull(1), TaskState.Pending, TaskState.Failed,
                reader.GetInt32(2), reason, null, reader.GetStringOrNull(3), now)
            : null;
    }

    /// <inheritdoc />
    public async Task<string?> FindOpenGateAsync(string workflowId, string phaseId, CancellationToken cancellationToken = default) =>
        await session.Command(OpenGateSql).With("$workflow", workflowId).With("$phase", phaseId).With("$open", InteractionStatus.Open.ToWire())
            .ExecuteScalarAsync(cancellationToken) as string;

    /// <inheritdoc />
    public Task OpenGateAsync(InteractionRecord gate, CancellationToken cancellationToken = default) =>
        session.Command(InsertGateSql).With("$id", gate.Id).With("$workflow", gate.WorkflowId).With("$phase", gate.PhaseId)
            .With("$kind", gate.Ask.Kind.ToWire()).With("$open", InteractionStatus.Open.ToWire()).With("$summary", gate.Ask.Summary)
            .With("$ask", InteractionJson.Write(gate.Ask)).With("$fingerprint", gate.Fingerprint).With("$now", ToUnixMs(gate.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DecideGateAsync(
        string workflowId, string phaseId, PhaseGateDecision decision, string? interactionId, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (interactionId is not null && await session.Command(AnswerSql).With("$id", interactionId).With("$answered", InteractionStatus.Answered.ToWire())
            .With("$open", InteractionStatus.Open.ToWire()).With("$response", InteractionJson.Write(response)).With("$by", response.RespondedBy)
            .With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        return await session.Command(GateSql).With("$decision", decision.Decision.ToWire()).With("$message", decision.Message).With("$by", decision.DecidedBy)
            .With("$now", ToUnixMs(decision.DecidedAt)).With("$workflow", workflowId).With("$phase", phaseId).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> WithdrawGateAsync(string interactionId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await session.Command(WithdrawSql).With("$id", interactionId).With("$withdrawn", InteractionStatus.Withdrawn.ToWire()).With("$open", InteractionStatus.Open.ToWire())
            .With("$reason", reason).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken) > 0;

    /// <inheritdoc />
    public async Task<(DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)> SetPhaseStatusAsync(
        string workflowId, string phaseId, WorkflowState status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var reader = await session.Command(PhaseSql).With("$status", status.ToWire()).With("$now", ToUnixMs(now))
            .With("$started", status == WorkflowState.Running ? 1 : 0).With("$ended", status.IsEnded() ? 1 : 0)
            .With("$workflow", workflowId).With("$phase", phaseId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetTimeOrNull(0), reader.GetTimeOrNull(1)) : (null, null);
    }

    /// <inheritdoc />
    public Task SetWorkflowStatusAsync(string workflowId, WorkflowState status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        session.Command(WorkflowSql).With("$status", status.ToWire()).With("$error", error).With("$now", ToUnixMs(now))
            .With("$ended", status.IsEnded() ? 1 : 0).With("$id", workflowId).ExecuteNonQueryAsync(cancellationToken);

    private static async Task<IReadOnlyList<UpstreamResult>> ReadUpstreamAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var results = new List<UpstreamResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            TaskStates.TryParse(reader.GetString(2), out var status);
            var agent = UpstreamSummary.RanBy(reader.GetStringOrNull(3), reader.GetString(4), reader.GetStringOrNull(5));
            var capsule = reader.GetStringOrNull(7) is { } json ? CapsuleJson.Read(json) : null;
            results.Add(new UpstreamResult(reader.GetString(0), reader.GetString(1), agent, status, reader.GetStringOrNull(6), capsule));
        }

        return results;
    }
}
