using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>Whether a task's own dependencies (by task id) let it run.</summary>
public static class DependencyRules
{
    /// <summary>
    /// Ready when every upstream task completed; doomed (with a reason naming it) as soon as one ended any other way;
    /// otherwise waiting.
    /// </summary>
    public static DependencyVerdict Evaluate(IEnumerable<TaskNode> upstream)
    {
        var waiting = false;
        foreach (var task in upstream)
        {
            if (task.Status == TaskState.Completed)
            {
                continue;
            }

            if (task.Status.IsTerminal())
            {
                return DependencyVerdict.Doomed($"not run: the task it depends on, '{task.Name}' ({task.Id}), {Ended(task.Status)}");
            }

            waiting = true;
        }

        return waiting ? DependencyVerdict.Waiting : DependencyVerdict.Ready;
    }

    /// <summary>"failed", "timed out" or "was cancelled".</summary>
    public static string Ended(TaskState status) => status switch
    {
        TaskState.TimedOut => "timed out",
        TaskState.Cancelled => "was cancelled",
        _ => "failed",
    };
}

/// <summary>The answer of <see cref="DependencyRules.Evaluate"/>.</summary>
/// <param name="Kind">Ready, waiting or doomed.</param>
/// <param name="Reason">For doomed: why, naming the upstream task.</param>
public sealed record DependencyVerdict(DependencyVerdictKind Kind, string? Reason = null)
{
    /// <summary>Every dependency completed.</summary>
    public static DependencyVerdict Ready { get; } = new(DependencyVerdictKind.Ready);

    /// <summary>Some dependency has not ended yet.</summary>
    public static DependencyVerdict Waiting { get; } = new(DependencyVerdictKind.Waiting);

    /// <summary>A dependency ended without completing.</summary>
    public static DependencyVerdict Doomed(string reason) => new(DependencyVerdictKind.Doomed, reason);
}

/// <summary>Kinds of <see cref="DependencyVerdict"/>.</summary>
public enum DependencyVerdictKind
{
    /// <summary>Every dependency completed.</summary>
    Ready,
    /// <summary>Some dependency has not ended yet.</summary>
    Waiting,
    /// <summary>A dependency ended without completing: the task will never run.</summary>
    Doomed,
}
