namespace Baton.Core.Tasks;

/// <summary>
/// The task state machine: which status may follow which. Stores guard their conditional updates with
/// <see cref="SourcesOf"/> so that the rules live here and only here.
/// </summary>
public static class TaskTransitions
{
    private static readonly Dictionary<TaskState, TaskState[]> Allowed = new()
    {
        // Claimed by a worker.
        [TaskState.Running] = [TaskState.Pending, TaskState.Retrying],
        // A failed attempt waiting for its backoff.
        [TaskState.Retrying] = [TaskState.Running, TaskState.InputRequired],
        // Rescued after its worker died, or re-queued by hand after it ended.
        [TaskState.Pending] = [TaskState.Running, TaskState.Failed, TaskState.Cancelled, TaskState.TimedOut, TaskState.Paused, TaskState.InputRequired],
        // Answered (or the agent took its request back): the attempt runs on.
        // An attempt ends while its agent may be waiting for a person (cancel, timeout, a crash of the CLI).
        [TaskState.Completed] = [TaskState.Running, TaskState.InputRequired],
        // Also pending: a task of a phase whose gate a person rejected fails without running.
        [TaskState.Failed] = [TaskState.Running, TaskState.InputRequired, TaskState.Paused, TaskState.Pending],
        [TaskState.TimedOut] = [TaskState.Running, TaskState.InputRequired],
        [TaskState.Cancelled] = [TaskState.Pending, TaskState.Retrying, TaskState.Running, TaskState.Paused, TaskState.InputRequired],
        // Held before it ran, or its running attempt interrupted at a person's request.
        [TaskState.Paused] = [TaskState.Pending, TaskState.Retrying, TaskState.Running, TaskState.InputRequired],
        [TaskState.InputRequired] = [TaskState.Running],
    };

    /// <summary>True when a task in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(TaskState from, TaskState to) =>
        Allowed.TryGetValue(to, out var sources) && Array.IndexOf(sources, from) >= 0;

    /// <summary>The states from which <paramref name="to"/> may be entered.</summary>
    public static IReadOnlyList<TaskState> SourcesOf(TaskState to) =>
        Allowed.TryGetValue(to, out var sources) ? sources : [];
}
