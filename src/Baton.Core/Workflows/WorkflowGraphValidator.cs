using Baton.Core.Errors;

namespace Baton.Core.Workflows;

/// <summary>
/// Checks a workflow's graph as it is built and again before it starts. Every message names the offending ids, so
/// the caller can fix the request; a rejected request changes nothing.
/// </summary>
public static class WorkflowGraphValidator
{
    private const int MaxPhaseIdLength = 64;

    /// <summary>Checks a phase about to be added to <paramref name="snapshot"/>.</summary>
    public static void CheckNewPhase(WorkflowSnapshot snapshot, string phaseId, IReadOnlyList<string> dependsOn)
    {
        CheckPhaseId(phaseId);
        var known = snapshot.Phases.Select(p => p.PhaseId).ToHashSet(StringComparer.Ordinal);
        Require(!known.Contains(phaseId),
            $"workflow {snapshot.Workflow.Id} already has a phase '{phaseId}'; phase ids must be unique within a workflow");
        Require(!dependsOn.Contains(phaseId, StringComparer.Ordinal), $"phase '{phaseId}' cannot depend on itself");
        var duplicate = dependsOn.GroupBy(d => d, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(duplicate is null, $"depends_on lists phase '{duplicate?.Key}' twice");
        var unknown = dependsOn.Where(d => !known.Contains(d)).ToList();
        Require(unknown.Count == 0,
            $"phase '{phaseId}' depends on {Quote(unknown)}, which {(unknown.Count == 1 ? "is not a phase" : "are not phases")} of workflow {snapshot.Workflow.Id}; "
            + (known.Count == 0 ? "it has no phases yet" : $"its phases are {Quote(snapshot.Phases.Select(p => p.PhaseId))}") + " (add a phase before the phases that depend on it)");
    }

    /// <summary>Checks that a phase id is 1 to 64 letters, digits, '-', '_' or '.'.</summary>
    public static void CheckPhaseId(string phaseId) =>
        Require(phaseId.Length is > 0 and <= MaxPhaseIdLength && phaseId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
            $"phase id '{phaseId}' must be 1 to {MaxPhaseIdLength} characters: letters, digits, '-', '_' or '.'");

    /// <summary>
    /// Checks the task dependencies of a task about to be added (or already in) <paramref name="snapshot"/>: each must
    /// be a task of the same workflow, and none may close a cycle through the phases.
    /// </summary>
    public static void CheckTaskDependencies(WorkflowSnapshot snapshot, TaskNode task)
    {
        var known = snapshot.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = task.DependsOn.Where(id => !known.Contains(id)).ToList();
        Require(unknown.Count == 0,
            $"task '{task.Name}' depends on {Quote(unknown)}, which {(unknown.Count == 1 ? "is not a task" : "are not tasks")} of workflow {snapshot.Workflow.Id}; "
            + "a workflow task may depend only on tasks of its own workflow (add those first)");
        var duplicate = task.DependsOn.GroupBy(d => d, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(duplicate is null, $"depends_on lists task {duplicate?.Key} twice");
        var withTask = snapshot with { Tasks = [.. snapshot.Tasks.Where(t => t.Id != task.Id), task] };
        if (DependencyCycles.Find(withTask) is { } cycle)
        {
            throw BatonException.Invalid($"task '{task.Name}' would close a dependency cycle: {cycle}");
        }
    }

    /// <summary>Checks a whole workflow before it starts: phases, no empty phase, no cycle.</summary>
    public static void CheckStartable(WorkflowSnapshot snapshot)
    {
        var id = snapshot.Workflow.Id;
        Require(snapshot.Phases.Count > 0, $"workflow {id} has no phases; add one (workflow_add_phase, or 'baton workflow add-phase') and give it tasks before starting");
        var duplicate = snapshot.Phases.GroupBy(p => p.PhaseId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(duplicate is null, $"workflow {id} has two phases with the id '{duplicate?.Key}'; phase ids must be unique");
        var phaseIds = snapshot.Phases.Select(p => p.PhaseId).ToHashSet(StringComparer.Ordinal);
        foreach (var phase in snapshot.Phases)
        {
            CheckPhaseId(phase.PhaseId);
            var unknown = phase.DependsOn.Where(d => !phaseIds.Contains(d)).ToList();
            Require(unknown.Count == 0, $"phase '{phase.PhaseId}' depends on {Quote(unknown)}, which {(unknown.Count == 1 ? "is not a phase" : "are not phases")} of workflow {id}");
        }

        var empty = snapshot.Phases.Where(p => !snapshot.Tasks.Any(t => t.PhaseId == p.PhaseId)).Select(p => p.PhaseId).ToList();
        Require(empty.Count == 0, $"phase{(empty.Count == 1 ? string.Empty : "s")} {Quote(empty)} of workflow {id} {(empty.Count == 1 ? "has" : "have")} no tasks; give every phase at least one task (workflow_add_task, or 'baton workflow add-task')");
        foreach (var task in snapshot.Tasks)
        {
            var unknown = task.DependsOn.Where(d => !snapshot.Tasks.Any(t => t.Id == d)).ToList();
            Require(unknown.Count == 0, $"task '{task.Name}' depends on {Quote(unknown)}, which {(unknown.Count == 1 ? "is not a task" : "are not tasks")} of workflow {id}");
        }

        if (DependencyCycles.Find(snapshot) is { } cycle)
        {
            throw BatonException.Invalid($"workflow {id} has a dependency cycle: {cycle}; no task on it could ever start");
        }
    }

    private static string Quote(IEnumerable<string> ids) => string.Join(", ", ids.Select(i => $"'{i}'"));

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw BatonException.Invalid(message);
        }
    }
}
