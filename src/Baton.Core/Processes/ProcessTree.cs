using System.Text;
using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>
/// Every process that belongs to one attempt: the members of its main process's group, and any process that
/// carries the attempt's marker in its environment (which finds descendants that moved to a session of their
/// own, and survives the daemon's death). A recorded identity whose pid was reused by an unrelated process is
/// never treated as ours.
/// </summary>
/// <param name="leader">The attempt's main process, if it was recorded.</param>
/// <param name="attempt">The attempt, whose marker its processes carry.</param>
internal sealed class ProcessTree(ProcessIdentity? leader, AttemptKey attempt)
{
    /// <summary>The environment variable that carries the marker.</summary>
    public const string MarkerVariable = "BATON_ATTEMPT_ID";

    private readonly byte[] marker = Encoding.UTF8.GetBytes($"{MarkerVariable}={attempt}");

    /// <summary>The pids of the attempt's processes that are alive now (zombies excluded).</summary>
    public IReadOnlyList<int> FindMembers()
    {
        if (leader is not null && leader.BootId != ProcFs.BootId)
        {
            return [];
        }

        var groupIsOurs = GroupIsOurs();
        var earliestStart = leader?.StartTicks ?? 0;
        var self = Environment.ProcessId;
        var members = new List<int>();
        foreach (var pid in ProcFs.AllProcessIds())
        {
            if (pid == self || !ProcFs.TryReadStat(pid, out var stat) || stat.State == 'Z')
            {
                continue;
            }

            // Descendants start no earlier than the leader; this skips the environ read for most processes.
            var inGroup = groupIsOurs && stat.GroupId == leader!.ProcessId;
            if (inGroup || (stat.StartTicks >= earliestStart && ProcFs.EnvironmentContains(pid, marker)))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>Sends <paramref name="signal"/> to the group and to every member; returns how many were found.</summary>
    public int Signal(int signal)
    {
        var members = FindMembers();
        if (GroupIsOurs())
        {
            LibC.kill(-leader!.ProcessId, signal);
        }

        foreach (var pid in members)
        {
            LibC.kill(pid, signal);
        }

        return members.Count;
    }

    /// <summary>
    /// Stops the whole tree: SIGTERM, then SIGKILL to whatever is left after <paramref name="grace"/>. Returns
    /// when no member is left or, if something cannot be killed, after a bounded wait.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (Signal(LibC.SIGTERM) == 0)
        {
            return;
        }

        if (await WaitUntilEmptyAsync(grace, time, cancellationToken))
        {
            return;
        }

        Signal(LibC.SIGKILL);
        await WaitUntilEmptyAsync(TimeSpan.FromSeconds(5), time, cancellationToken);
    }

    private async Task<bool> WaitUntilEmptyAsync(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        // Processes that are not our children give no exit signal, so this polls /proc, briefly and bounded.
        var deadline = time.GetTimestamp() + (long)(limit.TotalSeconds * time.TimestampFrequency);
        var pause = TimeSpan.FromMilliseconds(5);
        while (FindMembers().Count > 0)
        {
            if (time.GetTimestamp() >= deadline)
            {
                return false;
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }

        return true;
    }

    /// <summary>
    /// The group id is ours unless the leader's pid now names a different process. If the leader is gone but
    /// members remain, they keep its id reserved, so the group is still ours.
    /// </summary>
    private bool GroupIsOurs() =>
        leader is not null && leader.BootId == ProcFs.BootId
        && (!ProcFs.TryReadStat(leader.ProcessId, out var stat) || stat.StartTicks == leader.StartTicks);
}
