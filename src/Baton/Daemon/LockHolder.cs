using System.Globalization;
using Baton.Configuration;
using Baton.Core.Engine;

namespace Baton.Daemon;

/// <summary>
/// Says who holds the data directory's lock, from evidence that cannot be stale. daemon.json names the last daemon,
/// but it outlives a daemon killed with -9 and its pid may since belong to another program; so, as rescue does, the
/// recorded process is trusted only if it is still that very process (same pid and start time, on this host).
/// Otherwise the holder is not named, and certainly no one is told to kill a pid.
/// </summary>
internal static class LockHolder
{
    /// <summary>The verified daemon behind daemon.json, or null if the file is missing, stale or from another host.</summary>
    public static DaemonInfo? Verified(DaemonInfo? info) =>
        info is not null && WorkerIdentity.IsAliveOnThisHost(info.WorkerId, info.Pid) ? info : null;

    /// <summary>The message for a daemon that found the lock taken.</summary>
    public static string AlreadyHeld(BatonSettings settings, DaemonInfo? info)
    {
        if (Verified(info) is { } holder)
        {
            var pid = holder.Pid.ToString(CultureInfo.InvariantCulture);
            return $"a Baton daemon is already running for {settings.Home}: process {pid} (started {holder.StartedAt:u}). "
                + $"Stop it first (kill {pid}), or set BATON_HOME to another data directory";
        }

        var record = info is null
            ? "daemon.json does not say which"
            : $"daemon.json names process {info.Pid.ToString(CultureInfo.InvariantCulture)}, which is no longer that daemon";
        return $"another process holds {settings.LockPath} ({record}): most likely a Baton daemon for {settings.Home} that is still starting. "
            + "Wait a moment and run the command again ('baton doctor' shows the daemon once it answers), or set BATON_HOME to another data directory";
    }
}
