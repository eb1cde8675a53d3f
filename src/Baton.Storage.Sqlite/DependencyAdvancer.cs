using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Moves dependents on after tasks changed, inside the transaction of that change: a completion and the promotion it
/// unblocks commit together, so no crash can lose a promotion and no polling loop is needed. Workflow tasks follow
/// <see cref="WorkflowReconciler"/>; tasks on their own follow <see cref="DependencyRules"/>. Cancelling a task
/// dooms its own dependents in turn, so the changes are followed until nothing moves.
/// </summary>
internal static class DependencyAdvancer
{
    private const string PlaceSql = "SELECT seq, workflow_id, status, blocked, has_dependents FROM tasks WHERE id = $id";

    private const string DependentsSql = """
        SELECT t.seq, t.id FROM task_dependencies d JOIN tasks t ON t.seq = d.task_seq
        WHERE d.upstream_seq = $seq AND t.workflow_id IS NULL AND t.status = 'pending' AND t.blocked = 1
        """;

    private const string UpstreamOfSql = """
        SELECT u.id, u.name, u.status, u.agent_name, u.runner, u.program, u.result
        FROM task_dependencies d JOIN tasks u ON u.seq = d.upstream_seq WHERE d.task_seq = $seq ORDER BY u.seq
        """;

    private const string CancelSql = """
        UPDATE tasks SET status = 'cancelled', blocked = 0, cancel_cause = $cause, error = $reason, completed_at = $now, updated_at = $now
        WHERE id = $id AND status = 'pending'
        """;

    private const string ReleaseSql = "UPDATE tasks SET blocked = 0, upstream_context = $context, updated_at = $now WHERE id = $id AND blocked = 1";

    /// <summary>Settles the tasks that depend on the changed tasks (and the changed tasks' own workflows).</summary>
    public static async Task AdvanceAsync(WriteSession session, IReadOnlyList<string> changedTaskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queue = new Queue<string>(changedTaskIds);
        var reconciled = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var id))
        {
            long seq;
            string? workflowId;
            bool standaloneBlocked, hasDependents;
            await using (var reader = await session.Command(PlaceSql).With("$id", id).ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    continue;
                }

                seq = reader.GetInt64(0);
                workflowId = reader.GetStringOrNull(1);
                standaloneBlocked = workflowId is null && reader.GetString(2) == "pending" && reader.GetInt64(3) != 0;
                hasDependents = reader.GetInt64(4) != 0;
            }

            if (workflowId is not null && reconciled.Add(workflowId))
            {
                foreach (var cancelled in await ReconcileAsync(session, workflowId, now, cancellationToken))
                {
                    queue.Enqueue(cancelled);
                }
            }

            if (standaloneBlocked && await SettleAsync(session, seq, id, now, cancellationToken))
            {
                queue.Enqueue(id);
            }

            if (hasDependents)
            {
                var dependents = new List<(long Seq, string Id)>();
                await using (var reader = await session.Command(DependentsSql).With("$seq", seq).ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        dependents.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                foreach (var dependent in dependents)
                {
                    if (await SettleAsync(session, dependent.Seq, dependent.Id, now, cancellationToken))
                    {
                        queue.Enqueue(dependent.Id);
                    }
                }
            }
        }
    }

    /// <summary>Applies the workflow rules to one workflow; returns the tasks they cancelled.</summary>
    public static async Task<IReadOnlyList<string>> ReconcileAsync(WriteSession session, string workflowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await WorkflowRows.SnapshotAsync(session, workflowId, cancellationToken);
        if (snapshot is null)
        {
            return [];
        }

        var plan = WorkflowReconciler.Plan(snapshot);
        foreach (var cancel in plan.Cancel)
        {
            await session.Command(CancelSql).With("$id", cancel.TaskId).With("$cause", cancel.Cause.ToWire())
                .With("$reason", cancel.Reason).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
        }

        if (plan.Unblock.Count > 0)
        {
            await ReleaseWorkflowTasksAsync(session, snapshot, plan.Unblock, now, cancellationToken);
        }

        foreach (var phase in snapshot.Phases)
        {
            if (plan.Phases.TryGetValue(phase.PhaseId, out var status) && status != phase.Status)
            {
                await session.Command(
                    """
                    UPDATE phases SET status = $status,
                        started_at = CASE WHEN $status = 'running' THEN coalesce(started_at, $now) ELSE started_at END,
                        completed_at = CASE WHEN $ended = 1 THEN coalesce(completed_at, $now) ELSE NULL END
                    WHERE workflow_id = $workflow AND phase_id = $phase
                    """).With("$status", status.ToWire()).With("$now", ToUnixMs(now)).With("$ended", status.IsEnded() ? 1 : 0)
                    .With("$workflow", workflowId).With("$phase", phase.PhaseId).ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (plan.Status != snapshot.Workflow.Status || plan.Error != snapshot.Workflow.Error)
        {
            await session.Command(
                """
                UPDATE workflows SET status = $status, error = $error, updated_at = $now,
                    completed_at = CASE WHEN $ended = 1 THEN coalesce(completed_at, $now) ELSE NULL END
                WHERE id = $id
                """).With("$status", plan.Status.ToWire()).With("$error", plan.Error).With("$now", ToUnixMs(now))
                .With("$ended", plan.Status.IsEnded() ? 1 : 0).With("$id", workflowId).ExecuteNonQueryAsync(cancellationToken);
        }

        return [.. plan.Cancel.Select(c => c.TaskId)];
    }

    /// <summary>Releases workflow tasks, each with the summary of its upstream tasks: its phase's upstream phases and its own dependencies.</summary>
    private static async Task ReleaseWorkflowTasksAsync(WriteSession session, WorkflowSnapshot snapshot, IReadOnlyList<string> taskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var phases = snapshot.Phases.ToDictionary(p => p.PhaseId);
        var nodes = snapshot.Tasks.ToDictionary(t => t.Id);
        // Tasks of one phase usually share their upstream: build each distinct summary once.
        var summaries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in taskIds)
        {
            var node = nodes[id];
            var upstreamPhases = node.PhaseId is not null && phases.TryGetValue(node.PhaseId, out var phase) ? phase.DependsOn : [];
            var key = string.Join('\u0001', upstreamPhases) + '\u0002' + string.Join('\u0001', node.DependsOn);
            if (!summaries.TryGetValue(key, out var summary))
            {
                var upstream = await UpstreamResultsAsync(
                    session.Command(
                        """
                        SELECT id, name, status, agent_name, runner, program, result FROM tasks
                        WHERE workflow_id = $workflow AND (phase_id IN (SELECT value FROM json_each($phases)) OR id IN (SELECT value FROM json_each($tasks)))
                        ORDER BY seq
                        """).With("$workflow", snapshot.Workflow.Id).With("$phases", StoreJson.List(upstreamPhases))
                        .With("$tasks", StoreJson.List(node.DependsOn)),
                    cancellationToken);
                summary = UpstreamSummary.Build(upstream, snapshot.Workflow.UpstreamLimits);
                summaries[key] = summary;
            }

            await session.Command(ReleaseSql).With("$id", id).With("$context", summary).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Releases or cancels a blocked task on its own; true if it was cancelled (its dependents must follow).</summary>
    private static async Task<bool> SettleAsync(WriteSession session, long seq, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upstream = await UpstreamResultsAsync(session.Command(UpstreamOfSql).With("$seq", seq), cancellationToken);
        var verdict = DependencyRules.Evaluate(upstream.Select(u => new TaskNode(u.TaskId, u.Name, null, u.Status, false, [])));
        switch (verdict.Kind)
        {
            case DependencyVerdictKind.Ready:
                await session.Command(ReleaseSql).With("$id", id).With("$context", UpstreamSummary.Build(upstream, UpstreamLimits.Default))
                    .With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
                return false;
            case DependencyVerdictKind.Doomed:
                await session.Command(CancelSql).With("$id", id).With("$cause", CancelCause.Upstream.ToWire())
                    .With("$reason", verdict.Reason).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private static async Task<List<UpstreamResult>> UpstreamResultsAsync(Microsoft.Data.Sqlite.SqliteCommand command, CancellationToken cancellationToken)
    {
        var results = new List<UpstreamResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            TaskStates.TryParse(reader.GetString(2), out var status);
            var agent = reader.GetStringOrNull(3) is { } agentName ? $"agent {agentName}"
                : reader.GetString(4) == "command" ? $"command {reader.GetStringOrNull(5)}"
                : $"runner {reader.GetString(4)}";
            results.Add(new UpstreamResult(reader.GetString(0), reader.GetString(1), agent, status, reader.GetStringOrNull(6)));
        }

        return results;
    }
}
