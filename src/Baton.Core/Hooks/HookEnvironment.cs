using System.Globalization;
using Baton.Core.Events;

namespace Baton.Core.Hooks;

/// <summary>
/// The environment of a hook's process: the daemon's, plus the event's fields. Every variable is set, empty when the
/// event has no such field, so that a script can use them without checking.
/// </summary>
public static class HookEnvironment
{
    /// <summary>Builds the environment for running a hook for <paramref name="record"/>.</summary>
    /// <param name="baseEnvironment">The daemon's environment.</param>
    /// <param name="record">The event.</param>
    /// <param name="worktree">The task's worktree path if it runs in one.</param>
    public static Dictionary<string, string> Build(IReadOnlyDictionary<string, string> baseEnvironment, EventRecord record, string? worktree) =>
        new(baseEnvironment, StringComparer.Ordinal)
        {
            ["BATON_EVENT"] = record.Type,
            ["BATON_EVENT_ID"] = record.Id.ToString(CultureInfo.InvariantCulture),
            ["BATON_TASK_ID"] = record.TaskId ?? string.Empty,
            ["BATON_WORKFLOW_ID"] = record.WorkflowId ?? string.Empty,
            ["BATON_PHASE_ID"] = record.PhaseId ?? string.Empty,
            ["BATON_STATUS"] = record.Status ?? string.Empty,
            ["BATON_OLD_STATUS"] = record.OldStatus ?? string.Empty,
            ["BATON_WORKTREE"] = worktree ?? string.Empty,
            ["BATON_MESSAGE"] = record.Message ?? string.Empty,
            // More about the change as JSON: an interaction's id, kind and summary, a decision and who made it.
            ["BATON_EVENT_DATA"] = record.Data ?? string.Empty,
        };
}
