using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Workflows;

/// <summary>
/// Builds workflow snapshots for the pure rules, and applies a plan the way the store does, so that a test can move a
/// workflow on step by step without a database. Task ids double as names with a <c>-name</c> suffix, so a message
/// that names a task shows which.
/// </summary>
internal sealed class WorkflowGraph
{
    public const string WorkflowId = "wf0000000001";

    private readonly List<PhaseRecord> phases = [];
    private readonly List<TaskNode> tasks = [];

    public static DateTimeOffset Now { get; } = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Adds a phase that depends on <paramref name="dependsOn"/>.</summary>
    public WorkflowGraph Phase(string id, params string[] dependsOn)
    {
        phases.Add(new PhaseRecord { PhaseId = id, Name = id, DependsOn = dependsOn, Position = phases.Count, Status = WorkflowState.Draft });
        return this;
    }

    /// <summary>Adds a gated phase (requires_approval), decided as <paramref name="gate"/> says (null: undecided).</summary>
    public WorkflowGraph GatedPhase(string id, PhaseGateDecision? gate, params string[] dependsOn)
    {
        phases.Add(new PhaseRecord { PhaseId = id, Name = id, DependsOn = dependsOn, Position = phases.Count, Status = WorkflowState.Draft, RequiresApproval = true, Gate = gate });
        return this;
    }

    /// <summary>Adds a task, pending and blocked unless told otherwise.</summary>
    public WorkflowGraph Task(string id, string? phase, TaskState status = TaskState.Pending, bool blocked = true, string[]? dependsOn = null, CancelCause? cause = null)
    {
        tasks.Add(new TaskNode(id, Name(id), phase, status, blocked && status == TaskState.Pending, dependsOn ?? [], cause));
        return this;
    }

    /// <summary>The snapshot of a workflow with the given status and policy.</summary>
    public WorkflowSnapshot Snapshot(WorkflowState status = WorkflowState.Running, FailurePolicy policy = FailurePolicy.FailFast) =>
        new(Workflow(status, policy), [.. phases], [.. tasks]);

    /// <summary>The display name given to a task id.</summary>
    public static string Name(string id) => id + "-name";

    public static WorkflowRecord Workflow(WorkflowState status, FailurePolicy policy = FailurePolicy.FailFast, string? error = null) => new()
    {
        Id = WorkflowId,
        Name = "release",
        Status = status,
        FailurePolicy = policy,
        CreatedAt = Now,
        UpdatedAt = Now,
        StartedAt = status == WorkflowState.Draft ? null : Now,
        Error = error,
    };

    /// <summary>What the store writes for a plan: released tasks unblocked, doomed ones cancelled, statuses copied.</summary>
    public static WorkflowSnapshot Apply(WorkflowSnapshot snapshot, WorkflowPlan plan)
    {
        var cancels = plan.Cancel.ToDictionary(c => c.TaskId);
        var fails = plan.Fail.Select(f => f.TaskId).ToHashSet();
        var tasks = snapshot.Tasks.Select(t =>
            cancels.TryGetValue(t.Id, out var cancel) ? t with { Status = TaskState.Cancelled, Blocked = false, CancelCause = cancel.Cause }
            : fails.Contains(t.Id) ? t with { Status = TaskState.Failed, Blocked = false }
            : plan.Unblock.Contains(t.Id) ? t with { Blocked = false }
            : t).ToList();
        var phases = snapshot.Phases.Select(p => p with { Status = plan.Phases.GetValueOrDefault(p.PhaseId, p.Status) }).ToList();
        return new WorkflowSnapshot(snapshot.Workflow with { Status = plan.Status, Error = plan.Error }, phases, tasks);
    }

    /// <summary>The snapshot with one task moved to another status (as a worker's finish would).</summary>
    public static WorkflowSnapshot Move(WorkflowSnapshot snapshot, string taskId, TaskState status) =>
        snapshot with { Tasks = [.. snapshot.Tasks.Select(t => t.Id == taskId ? t with { Status = status, Blocked = false } : t)] };

    /// <summary>Plans, applies the plan, and returns both.</summary>
    public static (WorkflowPlan Plan, WorkflowSnapshot After) Step(WorkflowSnapshot snapshot)
    {
        var plan = WorkflowReconciler.Plan(snapshot);
        return (plan, Apply(snapshot, plan));
    }
}
