using System.Globalization;
using Baton.Core.Attempts;
using Baton.Core.Processes;

namespace Baton.Core.Engine;

/// <summary>
/// A worker's id: <c>host:pid:start-ticks</c>. From it a daemon on the same host can tell at once that the
/// worker is dead (and rescue its attempts without waiting for their leases to expire).
/// </summary>
public static class WorkerIdentity
{
    /// <summary>The id of the current process as a worker.</summary>
    public static string ForCurrentProcess()
    {
        var pid = Environment.ProcessId;
        var ticks = ProcFs.Identify(pid)?.StartTicks ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{pid}:{ticks}");
    }

    /// <summary>True if the worker ran on this host and its process is certainly gone.</summary>
    public static bool IsDeadOnThisHost(string workerId)
    {
        var parts = workerId.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        return !ProcFs.IsAlive(new ProcessIdentity(pid, ticks, ProcFs.BootId));
    }
}
