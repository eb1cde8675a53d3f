using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>
/// Each phase's status, derived from its tasks and from the phases it depends on: ended when all its tasks ended,
/// running once every phase it depends on completed (input_required instead while its gate waits for a person),
/// pending before that.
/// </summary>
internal sealed class PhaseStatuses
{
    private readonly Dictionary<string, PhaseRecord> phases;
    private readonly ILookup<string?, TaskNode> tasksByPhase;
    private readonly bool workflowCancelled;
    private readonly Dictionary<string, WorkflowState> statuses = new(StringComparer.Ordinal);

    public PhaseStatuses(IReadOnlyList<PhaseRecord> phases, IEnumerable<TaskNode> tasks, bool workflowCancelled)
    {
        this.phases = phases.ToDictionary(p => p.PhaseId, StringComparer.Ordinal);
        tasksByPhase = tasks.ToLookup(t => t.PhaseId);
        this.workflowCancelled = workflowCancelled;
        foreach (var phase in phases)
        {
            Of(phase.PhaseId);
        }
    }

    /// <summary>The phase with this id, or null.</summary>
    public PhaseRecord? Find(string? phaseId) => phaseId is not null && phases.TryGetValue(phaseId, out var phase) ? phase : null;

    /// <summary>Every phase's status.</summary>
    public IReadOnlyDictionary<string, WorkflowState> All => statuses;

    /// <summary>The status of a phase; running for a task outside any phase.</summary>
    public WorkflowState Of(string? phaseId)
    {
        if (phaseId is null || !phases.TryGetValue(phaseId, out var phase))
        {
            return WorkflowState.Running;
        }

        if (statuses.TryGetValue(phaseId, out var known))
        {
            return known;
        }

        // Graphs are validated acyclic before they start; the marker still stops a bad store from recursing forever.
        statuses[phaseId] = WorkflowState.Pending;
        var status = Derive(phase);
        statuses[phaseId] = status;
        return status;
    }

    /// <summary>
    /// A phase that the given phase depends on and that can no longer complete, with why: it ended without
    /// completing, or one of its tasks did (its other tasks may still be running).
    /// </summary>
    public (string Id, string Reason)? DoomedUpstreamOf(string? phaseId)
    {
        if (phaseId is null || !phases.TryGetValue(phaseId, out var phase))
        {
            return null;
        }

        foreach (var upstream in phase.DependsOn)
        {
            var status = Of(upstream);
            if (status is WorkflowState.Failed or WorkflowState.Cancelled)
            {
                return (upstream, status == WorkflowState.Failed ? "failed" : "was cancelled");
            }

            if (tasksByPhase[upstream].FirstOrDefault(t => t.Status.IsTerminal() && t.Status != TaskState.Completed) is { } ended)
            {
                return (upstream, $"cannot complete: its task '{ended.Name}' ({ended.Id}) {DependencyRules.Ended(ended.Status)}");
            }
        }

        return null;
    }

    private WorkflowState Derive(PhaseRecord phase)
    {
        var tasks = tasksByPhase[phase.PhaseId].ToList();
        if (tasks.Count > 0 && tasks.All(t => t.Status.IsTerminal()))
        {
            return tasks.All(t => t.Status == TaskState.Completed) ? WorkflowState.Completed
                : tasks.Any(t => t.Status is TaskState.Failed or TaskState.TimedOut) ? WorkflowState.Failed
                : WorkflowState.Cancelled;
        }

        if (workflowCancelled)
        {
            return WorkflowState.Cancelled;
        }

        if (tasks.Count == 0 || !phase.DependsOn.All(upstream => Of(upstream) == WorkflowState.Completed))
        {
            return WorkflowState.Pending;
        }

        // A gate holds the phase until a person approves it; a rejection fails its tasks, which ends it above.
        return phase.RequiresApproval && phase.Gate is not { Approved: true } ? WorkflowState.InputRequired : WorkflowState.Running;
    }
}
