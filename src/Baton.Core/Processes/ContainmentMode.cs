namespace Baton.Core.Processes;

/// <summary>How the daemon is asked to keep each attempt's processes together (baton.json "containment").</summary>
public enum ContainmentMode
{
    /// <summary>A cgroup v2 per attempt where this machine allows it, otherwise the subreaper fallback. The default.</summary>
    Auto,
    /// <summary>A cgroup v2 per attempt, or the daemon refuses to start.</summary>
    Cgroup,
    /// <summary>The fallback, even where cgroups would work: the daemon as child subreaper, plus group, marker and parentage.</summary>
    Subreaper,
}
