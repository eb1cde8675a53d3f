namespace Baton.EndToEnd.Tests.Harness;

/// <summary>The cgroups a daemon started by this test process made for a task (the daemon shares our cgroup).</summary>
internal static class CgroupProbe
{
    /// <summary>The task's attempt cgroups that exist now (none where cgroup v2 is not mounted).</summary>
    public static IReadOnlyList<string> OfTask(string taskId)
    {
        var own = File.ReadAllLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
        var mount = File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .FirstOrDefault(f => Array.IndexOf(f, "-") is var dash && dash > 0 && f[dash + 1] == "cgroup2" && f[3] == "/")?[4];
        if (own is null || mount is null)
        {
            return [];
        }

        var directory = mount.TrimEnd('/') + (own == "/" ? string.Empty : own);
        return Directory.Exists(directory) ? Directory.GetDirectories(directory, $"baton-{taskId}-*") : [];
    }
}
