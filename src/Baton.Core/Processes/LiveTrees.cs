namespace Baton.Core.Processes;

/// <summary>
/// The process trees this process supervises now, by when their main process started. Without cgroups, an orphan
/// that a subreaper adopted no longer shows whose it was; it can only be one of the trees that had started by the
/// time it did. It is counted as a tree's own only when that tree is the one such candidate, so stopping one attempt
/// never stops another's process; an orphan with several candidates is stopped with the last of them.
/// </summary>
internal static class LiveTrees
{
    private static readonly Lock Gate = new();
    private static readonly List<(ProcessTree Tree, long StartTicks)> Trees = [];

    /// <summary>Registers a tree until the returned handle is disposed.</summary>
    public static IDisposable Register(ProcessTree tree, long startTicks)
    {
        lock (Gate)
        {
            Trees.Add((tree, startTicks));
        }

        return new Registration(tree);
    }

    /// <summary>True if <paramref name="tree"/> is the only live tree that had started by <paramref name="startTicks"/>.</summary>
    public static bool IsSoleCandidate(ProcessTree tree, long startTicks)
    {
        lock (Gate)
        {
            var found = false;
            foreach (var (candidate, started) in Trees)
            {
                if (started > startTicks)
                {
                    continue;
                }

                if (!ReferenceEquals(candidate, tree))
                {
                    return false;
                }

                found = true;
            }

            return found;
        }
    }

    private sealed class Registration(ProcessTree tree) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Trees.RemoveAll(t => ReferenceEquals(t.Tree, tree));
            }
        }
    }
}
