namespace Baton.Core.Workflows;

/// <summary>
/// Why the dependency rules (not a user) cancelled a task. Kept on the task so that retrying the failure that caused
/// it re-opens exactly these tasks and never one a user cancelled.
/// </summary>
public enum CancelCause
{
    /// <summary>Something it depends on failed, timed out or was cancelled.</summary>
    Upstream,
    /// <summary>Its fail_fast workflow failed before it started.</summary>
    FailFast,
    /// <summary>Its workflow was cancelled.</summary>
    Workflow,
}

/// <summary>Wire names of <see cref="CancelCause"/> values, as stored.</summary>
public static class CancelCauses
{
    /// <summary>The stored name.</summary>
    public static string ToWire(this CancelCause cause) => cause switch
    {
        CancelCause.Upstream => "upstream",
        CancelCause.FailFast => "fail_fast",
        _ => "workflow",
    };

    /// <summary>Parses a stored name; null for none or anything else.</summary>
    public static CancelCause? Parse(string? name) => name switch
    {
        "upstream" => CancelCause.Upstream,
        "fail_fast" => CancelCause.FailFast,
        "workflow" => CancelCause.Workflow,
        _ => null,
    };
}
