namespace Baton.Core.Workflows;

/// <summary>
/// Finds a dependency cycle and spells it out (<c>design → build → design</c>). Phases are checked on their own
/// first, so a cycle of phases is printed as phases; then tasks and phases together, since a task that depends on a
/// task of a later phase deadlocks just the same.
/// </summary>
internal static class DependencyCycles
{
    /// <summary>The first cycle found, as text, or null if the graph is acyclic.</summary>
    public static string? Find(WorkflowSnapshot snapshot)
    {
        var phaseEdges = snapshot.Phases.ToDictionary(p => "p:" + p.PhaseId, p => p.DependsOn.Select(d => "p:" + d).ToList());
        if (FindCycle(phaseEdges) is { } phaseCycle)
        {
            return Describe(phaseCycle, snapshot);
        }

        // Phase node P waits for every task in P; a task waits for the phases its phase depends on and for its tasks.
        var edges = new Dictionary<string, List<string>>(phaseEdges.Count + snapshot.Tasks.Count);
        foreach (var phase in snapshot.Phases)
        {
            edges["p:" + phase.PhaseId] = snapshot.Tasks.Where(t => t.PhaseId == phase.PhaseId).Select(t => "t:" + t.Id).ToList();
        }

        var phasesById = snapshot.Phases.ToDictionary(p => p.PhaseId);
        foreach (var task in snapshot.Tasks)
        {
            var upstreamPhases = task.PhaseId is not null && phasesById.TryGetValue(task.PhaseId, out var phase) ? phase.DependsOn : [];
            edges["t:" + task.Id] = [.. upstreamPhases.Select(p => "p:" + p), .. task.DependsOn.Select(d => "t:" + d)];
        }

        return FindCycle(edges) is { } cycle ? Describe(cycle, snapshot) : null;
    }

    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var state = new Dictionary<string, int>(); // 1: on the current path, 2: done.
        var path = new List<string>();
        foreach (var start in edges.Keys)
        {
            if (!state.ContainsKey(start) && Visit(start, edges, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    // Iterative depth-first search: a 1,000-task chain must not overflow the stack.
    private static List<string>? Visit(string start, Dictionary<string, List<string>> edges, Dictionary<string, int> state, List<string> path)
    {
        var stack = new Stack<(string Node, int Next)>();
        stack.Push((start, 0));
        state[start] = 1;
        path.Add(start);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var targets = edges.GetValueOrDefault(node) ?? [];
            if (next < targets.Count)
            {
                stack.Push((node, next + 1));
                var target = targets[next];
                if (state.GetValueOrDefault(target) == 1)
                {
                    return [.. path[path.IndexOf(target)..], target];
                }

                if (!state.ContainsKey(target))
                {
                    state[target] = 1;
                    path.Add(target);
                    stack.Push((target, 0));
                }

                continue;
            }

            state[node] = 2;
            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    private static string Describe(List<string> cycle, WorkflowSnapshot snapshot)
    {
        var names = snapshot.Tasks.ToDictionary(t => t.Id, t => t.Name);
        return string.Join(" → ", cycle.Select(node => node[0] == 'p'
            ? (cycle.All(n => n[0] == 'p') ? node[2..] : $"phase {node[2..]}")
            : $"task '{names.GetValueOrDefault(node[2..], node[2..])}'"));
    }
}
