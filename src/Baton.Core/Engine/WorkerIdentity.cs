using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Attempts;
using Baton.Core.Processes;

namespace Baton.Core.Engine;

/// <summary>
/// A worker's id: <c>host:pid:start-ticks:place</c>, where the place (8 hex digits) stands for this boot of the kernel
/// and this process's pid namespace. A process can judge another's pid only from the same place: two machines (or
/// two containers) may share a host name, and a pid read in one means nothing in the other. From the same place a
/// daemon can tell at once that a worker is dead (and rescue its attempts without waiting for their leases to expire);
/// from anywhere else, and for an id of an older format, it cannot, and the leases decide.
/// </summary>
public static class WorkerIdentity
{
    private static readonly Lazy<string> CurrentPlace = new(() =>
    {
        var namespaceLink = File.Exists("/proc/self/ns/pid") ? new FileInfo("/proc/self/ns/pid").LinkTarget : null;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{ProcFs.BootId}/{namespaceLink}"));
        return Convert.ToHexStringLower(digest)[..8];
    });

    /// <summary>The id of the current process as a worker.</summary>
    public static string ForCurrentProcess()
    {
        var pid = Environment.ProcessId;
        return Of(pid, ProcFs.Identify(pid)?.StartTicks ?? 0);
    }

    /// <summary>The id a process of this place with <paramref name="pid"/> started at <paramref name="startTicks"/> has as a worker.</summary>
    public static string Of(int pid, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{pid}:{startTicks}:{CurrentPlace.Value}");

    /// <summary>True if the worker ran in this place (this boot, this pid namespace) and its process is certainly gone.</summary>
    public static bool IsDeadOnThisHost(string workerId) =>
        TryRead(workerId, olderFormat: false, out var process) && !ProcFs.IsAlive(process);

    /// <summary>
    /// True if the worker's id names this host but another place (or, of an older format, no place): this machine
    /// before a reboot, this container before a restart, or another machine or container with the same host name.
    /// Whether it lives cannot be judged from here.
    /// </summary>
    public static bool IsOfThisHostElsewhere(string workerId)
    {
        var parts = workerId.Split(':');
        return parts[0] == Environment.MachineName && (parts.Length == 3 || (parts.Length == 4 && parts[3] != CurrentPlace.Value));
    }

    /// <summary>
    /// True if the worker ran here as process <paramref name="pid"/> and that very process still lives. An id of an
    /// older version (without the place) counts too: a live process here with its pid and start ticks is that one,
    /// so a daemon of the version before an upgrade is still named as the holder of its data directory.
    /// </summary>
    public static bool IsAliveOnThisHost(string workerId, int pid) =>
        TryRead(workerId, olderFormat: true, out var process) && process.ProcessId == pid && ProcFs.IsAlive(process);

    /// <summary>The worker's process, if its id is well formed and names this host and this place (or no place, if <paramref name="olderFormat"/>).</summary>
    private static bool TryRead(string workerId, bool olderFormat, [NotNullWhen(true)] out ProcessIdentity? process)
    {
        process = null;
        var parts = workerId.Split(':');
        var placed = parts.Length == 4 && parts[3] == CurrentPlace.Value;
        if (!(placed || (olderFormat && parts.Length == 3)) || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        process = new ProcessIdentity(pid, ticks, ProcFs.BootId);
        return true;
    }
}
