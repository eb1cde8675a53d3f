using System.Collections.Frozen;

namespace Baton.Core.Tasks;

/// <summary>Wire names and classification of <see cref="TaskState"/> values.</summary>
public static class TaskStates
{
    private static readonly FrozenDictionary<TaskState, string> Names = new Dictionary<TaskState, string>
    {
        [TaskState.Pending] = "pending",
        [TaskState.Running] = "running",
        [TaskState.Retrying] = "retrying",
        [TaskState.InputRequired] = "input_required",
        [TaskState.Paused] = "paused",
        [TaskState.Completed] = "completed",
        [TaskState.Failed] = "failed",
        [TaskState.Cancelled] = "cancelled",
        [TaskState.TimedOut] = "timed_out",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, TaskState> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in lifecycle order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<TaskState>().Select(s => Names[s]).ToArray();

    /// <summary>The wire name of a state, for example <c>timed_out</c>.</summary>
    public static string ToWire(this TaskState state) => Names[state];

    /// <summary>Parses a wire name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out TaskState state) =>
        ByName.TryGetValue(name?.Trim().ToLowerInvariant() ?? string.Empty, out state);

    /// <summary>True for completed, failed, cancelled and timed_out: no attempt will run again unless retried by hand.</summary>
    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Completed or TaskState.Failed or TaskState.Cancelled or TaskState.TimedOut;
}
