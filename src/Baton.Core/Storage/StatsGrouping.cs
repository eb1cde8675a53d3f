namespace Baton.Core.Storage;

/// <summary>How task statistics are split: not at all, or by a key each ended task has.</summary>
public enum StatsGrouping
{
    /// <summary>One group: every task that ended in the window.</summary>
    None,

    /// <summary>By agent definition (tasks without one share the group with no key).</summary>
    Agent,

    /// <summary>By workflow name (tasks outside workflows share the group with no key).</summary>
    Workflow,

    /// <summary>By runner: command, claude, codex, gemini.</summary>
    Runner,

    /// <summary>By the UTC day the task ended, as yyyy-MM-dd.</summary>
    Day,
}
