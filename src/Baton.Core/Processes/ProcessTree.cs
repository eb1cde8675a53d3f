using System.Text;
using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>
/// Every process that belongs to one attempt. With a cgroup of its own, exactly the processes in it: nothing that
/// starts inside can leave by forking, starting a session or clearing its environment. Without one, the members of
/// its main process's group, every process that carries the attempt's marker in its environment (which survives the
/// daemon's death), every descendant of those by parentage, and the orphans this process adopted as a subreaper that
/// can only be this tree's. A recorded identity whose pid was reused by an unrelated process is never treated as ours.
/// </summary>
internal sealed class ProcessTree
{
    /// <summary>The environment variable that carries the marker.</summary>
    public const string MarkerVariable = "BATON_ATTEMPT_ID";

    private readonly ProcessIdentity? leader;
    private readonly byte[] marker;

    /// <param name="leader">The attempt's main process, if it was recorded (with its cgroup, if it had one).</param>
    /// <param name="attempt">The attempt, whose marker its processes carry.</param>
    /// <param name="cgroup">The attempt's cgroup, unless one recorded with <paramref name="leader"/> still exists.</param>
    public ProcessTree(ProcessIdentity? leader, AttemptKey attempt, AttemptCgroup? cgroup = null)
    {
        this.leader = leader;
        marker = Encoding.UTF8.GetBytes($"{MarkerVariable}={attempt}");
        Cgroup = Recorded(leader) ?? cgroup;
    }

    /// <summary>The attempt's cgroup, or null where its processes are found by group, marker and parentage.</summary>
    public AttemptCgroup? Cgroup { get; }

    /// <summary>When the main process started, in clock ticks since boot (0 if unknown).</summary>
    public long StartTicks => leader?.StartTicks ?? 0;

    /// <summary>The pids of the attempt's processes that are alive now (zombies excluded).</summary>
    public IReadOnlyList<int> FindMembers()
    {
        if (leader is not null && leader.BootId != ProcFs.BootId)
        {
            return [];
        }

        return Cgroup is { Exists: true } cgroup ? cgroup.Members() : Scan();
    }

    /// <summary>Sends <paramref name="signal"/> to every member; returns how many were found.</summary>
    public int Signal(int signal)
    {
        var members = FindMembers();
        if (Cgroup is { Exists: true } cgroup)
        {
            if (signal == LibC.SIGKILL && members.Count > 0)
            {
                cgroup.Kill();
                return members.Count;
            }
        }
        else if (GroupIsOurs())
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
        // Processes that are not our children give no exit signal, so this polls, briefly and bounded.
        var deadline = time.GetTimestamp() + (long)(limit.TotalSeconds * time.TimestampFrequency);
        var pause = TimeSpan.FromMilliseconds(5);
        while (FindMembers().Count > 0)
        {
            if (time.GetTimestamp() >= deadline)
            {
                return false;
            }

            // The pause is how often the kernel is sampled, not a policy: it runs on the machine's clock, so a
            // process that exits is seen at once even while the injected clock (which bounds the wait) stands still.
            await Task.Delay(pause, TimeProvider.System, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }

        return true;
    }

    /// <summary>One pass over /proc: the group, the marked, the adopted orphans that are ours, and their descendants.</summary>
    private List<int> Scan()
    {
        var self = Environment.ProcessId;
        var groupIsOurs = GroupIsOurs();
        var earliestStart = StartTicks;
        var members = new List<int>();
        var children = new Dictionary<int, List<int>>();
        foreach (var stat in ProcFs.Snapshot())
        {
            if (stat.ProcessId == self || stat.State == 'Z')
            {
                continue;
            }

            if (!children.TryGetValue(stat.ParentId, out var siblings))
            {
                children[stat.ParentId] = siblings = [];
            }

            siblings.Add(stat.ProcessId);
            // Descendants start no earlier than the leader; this skips the environ read for most processes.
            var isLeader = leader is not null && stat.ProcessId == leader.ProcessId && stat.StartTicks == leader.StartTicks;
            var inGroup = groupIsOurs && stat.GroupId == leader!.ProcessId;
            if (isLeader || inGroup
                || (stat.StartTicks >= earliestStart && (IsAdoptedOrphanOfOurs(stat, self) || ProcFs.EnvironmentContains(stat.ProcessId, marker))))
            {
                members.Add(stat.ProcessId);
            }
        }

        // Whatever descends from a member is a member, whatever group, session or environment it chose.
        var found = new HashSet<int>(members);
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var child in children.GetValueOrDefault(members[i]) ?? [])
            {
                if (found.Add(child))
                {
                    members.Add(child);
                }
            }
        }

        return members;
    }

    private bool IsAdoptedOrphanOfOurs(ProcFs.ProcStat stat, int self) =>
        ChildReaper.Enabled && stat.ParentId == self && !ChildReaper.IsOwn(stat.ProcessId) && LiveTrees.IsSoleCandidate(this, stat.StartTicks);

    /// <summary>
    /// The group id is ours unless the leader's pid now names a different process. If the leader is gone but
    /// members remain, they keep its id reserved, so the group is still ours.
    /// </summary>
    private bool GroupIsOurs() =>
        leader is not null && leader.BootId == ProcFs.BootId
        && (!ProcFs.TryReadStat(leader.ProcessId, out var stat) || stat.StartTicks == leader.StartTicks);

    private static AttemptCgroup? Recorded(ProcessIdentity? leader) =>
        leader is { Cgroup: { } path } && leader.BootId == ProcFs.BootId && Directory.Exists(path) ? new AttemptCgroup(path) : null;
}
