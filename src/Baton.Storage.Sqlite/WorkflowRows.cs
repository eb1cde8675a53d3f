using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The workflow and phase columns, how rows become records, the snapshot the workflow rules read, and the inserts shared by creating and building.</summary>
internal static class WorkflowRows
{
    public const string Columns =
        "id, name, description, status, failure_policy, upstream_task_cap, upstream_total_cap, created_at, updated_at, started_at, completed_at, error, created_by, paused_at, paused_by, budget_usd";

    /// <summary>How many columns <see cref="Columns"/> reads: what a query selects after them starts here.</summary>
    public const int ColumnCount = 16;

    public const string PhaseColumns =
        "phase_id, name, depends_on, position, status, started_at, completed_at, requires_approval, gate_decision, gate_message, gate_decided_by, gate_decided_at";

    public const string ByIdSql = $"SELECT {Columns} FROM workflows WHERE id = $id";

    public const string PhasesSql = $"SELECT {PhaseColumns} FROM phases WHERE workflow_id = $id ORDER BY position";

    private const string NodesSql = "SELECT id, name, phase_id, status, blocked, depends_on, cancel_cause, attempt_count FROM tasks WHERE workflow_id = $id ORDER BY seq";

    public static WorkflowRecord Read(SqliteDataReader r)
    {
        WorkflowStates.TryParse(r.GetString(3), out var status);
        FailurePolicies.TryParse(r.GetString(4), out var policy);
        return new WorkflowRecord
        {
            Id = r.GetString(0),
            Name = r.GetString(1),
            Description = r.GetString(2),
            Status = status,
            FailurePolicy = policy,
            UpstreamLimits = new UpstreamLimits(r.GetInt32(5), r.GetInt32(6)),
            CreatedAt = FromUnixMs(r.GetInt64(7)),
            UpdatedAt = FromUnixMs(r.GetInt64(8)),
            StartedAt = r.GetTimeOrNull(9),
            CompletedAt = r.GetTimeOrNull(10),
            Error = r.GetStringOrNull(11),
            CreatedBy = r.GetStringOrNull(12),
            PausedAt = r.GetTimeOrNull(13),
            PausedBy = r.GetStringOrNull(14),
            BudgetUsd = r.GetStringOrNull(15) is { } budget ? decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    public static PhaseRecord ReadPhase(SqliteDataReader r)
    {
        WorkflowStates.TryParse(r.GetString(4), out var status);
        return new PhaseRecord
        {
            PhaseId = r.GetString(0),
            Name = r.GetString(1),
            DependsOn = StoreJson.ReadList(r.GetString(2)),
            Position = r.GetInt32(3),
            Status = status,
            StartedAt = r.GetTimeOrNull(5),
            CompletedAt = r.GetTimeOrNull(6),
            RequiresApproval = r.GetInt64(7) != 0,
            Gate = r.GetStringOrNull(8) is { } decision && InteractionDecisions.TryParse(decision, out var parsed)
                ? new PhaseGateDecision(parsed, r.GetStringOrNull(9), r.GetStringOrNull(10) ?? "unknown", r.GetTimeOrNull(11) ?? FromUnixMs(0))
                : null,
        };
    }

    public static async Task<WorkflowRecord?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public static async Task<List<PhaseRecord>> ReadPhasesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            phases.Add(ReadPhase(reader));
        }

        return phases;
    }

    /// <summary>The workflow, its phases and its tasks' places in the graph, read inside a write transaction.</summary>
    public static async Task<WorkflowSnapshot?> SnapshotAsync(WriteSession session, string id, CancellationToken cancellationToken)
    {
        var workflow = await ReadOneAsync(session.Command(ByIdSql).With("$id", id), cancellationToken);
        if (workflow is null)
        {
            return null;
        }

        var phases = await ReadPhasesAsync(session.Command(PhasesSql).With("$id", id), cancellationToken);
        var nodes = new List<TaskNode>();
        await using (var reader = await session.Command(NodesSql).With("$id", id).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                TaskStates.TryParse(reader.GetString(3), out var status);
                nodes.Add(new TaskNode(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), status,
                    reader.GetInt64(4) != 0, StoreJson.ReadList(reader.GetString(5)), CancelCauses.Parse(reader.GetStringOrNull(6)), reader.GetInt64(7) > 0));
            }
        }

        return new WorkflowSnapshot(workflow, phases, nodes);
    }

    /// <summary>
    /// A workflow task's idempotency key must be new: queuing it would otherwise return another task, which has no
    /// place in this graph. Refused with the task that holds the key; the transaction rolls back.
    /// </summary>
    public static async Task EnsureKeysFreeAsync(WriteSession session, IEnumerable<TaskDefinition> definitions, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in definitions.Select(d => d.IdempotencyKey).OfType<string>())
        {
            if (!seen.Add(key))
            {
                throw BatonException.Invalid($"two tasks of the workflow have the idempotency key '{key}'; keys must be unique");
            }

            if (await session.Command("SELECT id FROM tasks WHERE idempotency_key = $key").With("$key", key).ExecuteScalarAsync(cancellationToken) is string holder)
            {
                throw BatonException.Conflict($"the idempotency key '{key}' is already used by task {holder}; use a new key (or none) for a workflow's task");
            }
        }
    }

    public static Task InsertPhaseAsync(WriteSession session, string workflowId, PhaseRecord phase, CancellationToken cancellationToken) =>
        session.Command(
            """
            INSERT INTO phases (workflow_id, phase_id, position, name, depends_on, status, requires_approval)
            VALUES ($workflow, $phase, $position, $name, $dependsOn, $status, $gated)
            """)
            .With("$workflow", workflowId).With("$phase", phase.PhaseId).With("$position", phase.Position).With("$name", phase.Name)
            .With("$gated", phase.RequiresApproval ? 1 : 0)
            .With("$dependsOn", StoreJson.List(phase.DependsOn)).With("$status", WorkflowState.Draft.ToWire()).ExecuteNonQueryAsync(cancellationToken);
}
