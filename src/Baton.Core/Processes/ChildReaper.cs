using System.Runtime.InteropServices;

namespace Baton.Core.Processes;

/// <summary>
/// Makes this process a child subreaper (PR_SET_CHILD_SUBREAPER): a descendant whose parent dies is re-parented here
/// rather than to init, so it stays findable by parentage. Such adopted orphans are reaped when they exit (on each
/// SIGCHLD), but never a child that <see cref="ProcessLauncher"/> started: those are waited for by their own thread,
/// which must get their exit status. Spawning and reaping take one lock, so a child is known as ours before it can die.
/// </summary>
internal static class ChildReaper
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Own = [];
    private static PosixSignalRegistration? registration;
    private static int sweepQueued;

    /// <summary>True once this process is a subreaper that reaps what it adopts.</summary>
    public static bool Enabled { get; private set; }

    /// <summary>Becomes a subreaper and starts reaping adopted orphans; false and why if the kernel refuses.</summary>
    public static bool TryEnable(out string problem)
    {
        problem = string.Empty;
        lock (Gate)
        {
            if (Enabled)
            {
                return true;
            }

            if (LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
            {
                problem = $"prctl(PR_SET_CHILD_SUBREAPER) failed: {LibC.Describe(Marshal.GetLastPInvokeError())}";
                return false;
            }

            registration ??= PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => QueueSweep());
            Enabled = true;
        }

        // Orphans adopted before the handler was in place have signalled already.
        QueueSweep();
        return true;
    }

    /// <summary>Held while a child is started and recorded, so that no sweep sees it before it is known as ours.</summary>
    public static Lock.Scope EnterSpawn() => Gate.EnterScope();

    /// <summary>Records a child that we started (its own thread reaps it); called inside <see cref="EnterSpawn"/>.</summary>
    public static void Spawned(int pid)
    {
        lock (Gate)
        {
            Own.Add(pid);
        }
    }

    /// <summary>Called once a child that we started was reaped by its own thread.</summary>
    public static void Reaped(int pid)
    {
        lock (Gate)
        {
            Own.Remove(pid);
        }
    }

    /// <summary>True if <paramref name="pid"/> is a child that this process started (rather than one it adopted).</summary>
    public static bool IsOwn(int pid)
    {
        lock (Gate)
        {
            return Own.Contains(pid);
        }
    }

    private static void QueueSweep()
    {
        if (Interlocked.Exchange(ref sweepQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Sweep(), null);
        }
    }

    /// <summary>Reaps every adopted child that has exited; a SIGCHLD during the sweep queues another one.</summary>
    private static unsafe void Sweep()
    {
        Volatile.Write(ref sweepQueued, 0);
        var self = Environment.ProcessId;
        foreach (var stat in ProcFs.Snapshot())
        {
            if (stat.ParentId != self || stat.State != 'Z')
            {
                continue;
            }

            lock (Gate)
            {
                if (!Own.Contains(stat.ProcessId))
                {
                    int status;
                    LibC.waitpid(stat.ProcessId, &status, LibC.WNOHANG);
                }
            }
        }
    }
}
