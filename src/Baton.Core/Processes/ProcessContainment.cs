using Baton.Core.Attempts;
using Baton.Core.Errors;

namespace Baton.Core.Processes;

/// <summary>
/// What keeps each attempt's processes together in this process, so that cancel, timeout and the end of an attempt
/// stop every descendant: a cgroup v2 per attempt where the machine allows it, otherwise this process as child
/// subreaper with the process group, the <c>BATON_ATTEMPT_ID</c> marker and parentage. The daemon chooses once at
/// start; other processes (the CLI's helpers, tests) keep the default, which adopts nothing.
/// </summary>
public sealed class ProcessContainment
{
    private ProcessContainment(string kind, string description, CgroupHierarchy? cgroups)
    {
        Kind = kind;
        Description = description;
        Cgroups = cgroups;
    }

    /// <summary>What is in force in this process.</summary>
    public static ProcessContainment Current { get; private set; } =
        new("process-group", "process group, BATON_ATTEMPT_ID marker and parentage (no subreaper)", null);

    /// <summary><c>cgroup</c>, <c>subreaper</c> or <c>process-group</c>.</summary>
    public string Kind { get; }

    /// <summary>One line for the daemon's log and <c>baton doctor</c>.</summary>
    public string Description { get; }

    internal CgroupHierarchy? Cgroups { get; }

    /// <summary>
    /// What <paramref name="mode"/> would put in force here, without changing this process (a probe cgroup is made and
    /// removed). Throws if <see cref="ContainmentMode.Cgroup"/> is asked for and cgroups cannot be used.
    /// </summary>
    public static ProcessContainment Probe(ContainmentMode mode)
    {
        string reason;
        if (mode == ContainmentMode.Subreaper)
        {
            reason = "chosen in baton.json";
        }
        else if (CgroupHierarchy.TryOpen(out var problem) is { } hierarchy)
        {
            return new ProcessContainment(
                "cgroup", $"cgroup v2: one cgroup per attempt under {hierarchy.Directory}; every descendant is stopped, whatever it does", hierarchy);
        }
        else if (mode == ContainmentMode.Cgroup)
        {
            throw new BatonException(
                ErrorKind.Unavailable,
                $"baton.json asks for \"containment\": \"cgroup\", but cgroup v2 cannot be used here: {problem}; set it to \"auto\" to use the fallback");
        }
        else
        {
            reason = problem;
        }

        return new ProcessContainment(
            "subreaper",
            $"subreaper: the daemon adopts orphaned descendants; an attempt's processes are found by process group, BATON_ATTEMPT_ID and parentage (no cgroup: {reason})",
            null);
    }

    /// <summary>Puts what <paramref name="mode"/> chooses in force in this process (the daemon, once at start).</summary>
    public static ProcessContainment Establish(ContainmentMode mode)
    {
        var chosen = Probe(mode);
        // Before this daemon makes any: an empty cgroup here was left by a daemon that was killed. (Another daemon
        // sharing this cgroup could be between making one and entering it; that lasts a few milliseconds.)
        chosen.Cgroups?.RemoveEmpty();
        if (chosen.Kind == "subreaper" && !ChildReaper.TryEnable(out var problem))
        {
            chosen = new ProcessContainment("process-group", $"process group, BATON_ATTEMPT_ID marker and parentage ({problem})", null);
        }

        Current = chosen;
        return chosen;
    }

    /// <summary>
    /// The attempt's cgroup if it exists where this process would have made it: a daemon that died before it recorded
    /// its attempt's process still left the cgroup under the same name.
    /// </summary>
    internal AttemptCgroup? FindCgroup(AttemptKey attempt) =>
        Cgroups is null ? null : Directory.Exists(Cgroups.PathFor(attempt)) ? new AttemptCgroup(Cgroups.PathFor(attempt)) : null;

    /// <summary>The attempt's cgroup, or null without cgroups; <paramref name="problem"/> says why one could not be made.</summary>
    internal AttemptCgroup? TryCreateCgroup(AttemptKey attempt, out string? problem)
    {
        problem = null;
        if (Cgroups is null)
        {
            return null;
        }

        try
        {
            return Cgroups.Create(attempt);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"no cgroup could be made for this attempt ({ex.Message.TrimEnd('.')}); its processes are found by group, marker and parentage";
            return null;
        }
    }
}
