using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>
/// Estimates the time a workflow still needs: the longest path through its unfinished tasks, each taking as long as
/// tasks of the same name took before (less what a running one has already spent). It assumes a free worker for every
/// task that may run, so with fewer workers than parallel tasks it is a lower bound. No history, no estimate.
/// </summary>
public static class WorkflowEstimator
{
    /// <summary>The time remaining, or null while some unfinished task has no history.</summary>
    public static TimeSpan? Remaining(WorkflowContents contents, IReadOnlyDictionary<string, TimeSpan> typical, DateTimeOffset now)
    {
        if (contents.Workflow.Status.IsEnded())
        {
            return contents.Workflow.Status == WorkflowState.Completed ? TimeSpan.Zero : null;
        }

        var tasks = contents.Tasks.ToDictionary(t => t.Id);
        var phases = contents.Phases.ToDictionary(p => p.PhaseId);
        var tasksByPhase = contents.Tasks.ToLookup(t => t.Definition.PhaseId);
        var finishAt = new Dictionary<string, TimeSpan?>();
        var phaseFinishAt = new Dictionary<string, TimeSpan?>();
        var unknown = false;

        TimeSpan? TaskFinish(TaskRecord task)
        {
            if (finishAt.TryGetValue(task.Id, out var known))
            {
                return known;
            }

            finishAt[task.Id] = TimeSpan.Zero; // Guards against a cycle in a corrupt graph.
            TimeSpan? result = TimeSpan.Zero;
            if (!task.Status.IsTerminal())
            {
                var start = TimeSpan.Zero;
                var upstreamPhases = task.Definition.PhaseId is { } phaseId && phases.TryGetValue(phaseId, out var phase) ? phase.DependsOn : [];
                foreach (var upstream in upstreamPhases)
                {
                    start = Max(start, PhaseFinish(upstream));
                }

                foreach (var upstream in task.Definition.DependsOn)
                {
                    start = Max(start, tasks.TryGetValue(upstream, out var dependency) ? TaskFinish(dependency) : TimeSpan.Zero);
                }

                if (typical.TryGetValue(task.Definition.Name, out var duration))
                {
                    var spent = task.Status == TaskState.Running && contents.Attempts.GetValueOrDefault(task.Id) is { Count: > 0 } attempts
                        ? now - attempts[^1].StartedAt
                        : TimeSpan.Zero;
                    result = start + (duration > spent ? duration - spent : TimeSpan.Zero);
                }
                else
                {
                    unknown = true;
                    result = start;
                }
            }

            finishAt[task.Id] = result;
            return result;
        }

        TimeSpan PhaseFinish(string phaseId)
        {
            if (phaseFinishAt.TryGetValue(phaseId, out var known))
            {
                return known ?? TimeSpan.Zero;
            }

            phaseFinishAt[phaseId] = TimeSpan.Zero;
            var latest = TimeSpan.Zero;
            foreach (var task in tasksByPhase[phaseId])
            {
                latest = Max(latest, TaskFinish(task));
            }

            phaseFinishAt[phaseId] = latest;
            return latest;
        }

        var remaining = TimeSpan.Zero;
        foreach (var task in contents.Tasks)
        {
            remaining = Max(remaining, TaskFinish(task));
        }

        return unknown ? null : remaining;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b is { } value && value > a ? value : a;
}
