namespace Baton.Core.Attempts;

/// <summary>
/// Who an attempt's main process was, recorded so that a later daemon can stop exactly that process and never an
/// unrelated one that reused its id: the pid, its start time in clock ticks since boot, and the boot's id. Where the
/// attempt ran in a cgroup of its own, its path too: the cgroup holds every descendant, whatever became of the pid.
/// </summary>
public sealed record ProcessIdentity(int ProcessId, long StartTicks, string BootId, string? Cgroup = null);
