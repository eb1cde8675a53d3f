using System.Globalization;
using System.Text;
using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>
/// The cgroup v2 folder this process lives in, where attempts' cgroups are made as its children. Found from
/// /proc/self/mountinfo (where cgroup2 is mounted) and /proc/self/cgroup (this process's place in it); usable only if
/// a child can be made there and this process may move processes into it.
/// </summary>
internal sealed class CgroupHierarchy
{
    private const string NamePrefix = "baton-";
    private const string ProbePrefix = NamePrefix + "probe-";

    private CgroupHierarchy(string directory) => Directory = directory;

    /// <summary>This process's own cgroup folder, e.g. <c>/sys/fs/cgroup/unified</c> or <c>/sys/fs/cgroup/system.slice/x.service</c>.</summary>
    public string Directory { get; }

    /// <summary>The hierarchy if it can hold attempts' cgroups; otherwise null and why not.</summary>
    public static CgroupHierarchy? TryOpen(out string problem)
    {
        string mountInfo, ownCgroup;
        try
        {
            mountInfo = File.ReadAllText("/proc/self/mountinfo");
            ownCgroup = File.ReadAllText("/proc/self/cgroup");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read /proc ({ex.Message})";
            return null;
        }

        if (FindOwnPath(ownCgroup) is not { } own)
        {
            problem = "this process is not in a cgroup v2 hierarchy (/proc/self/cgroup has no 0:: line)";
            return null;
        }

        if (FindDirectory(mountInfo, own) is not { } directory)
        {
            problem = "cgroup2 is not mounted where this process can see its own cgroup";
            return null;
        }

        var hierarchy = new CgroupHierarchy(directory);
        return hierarchy.Probe(out problem) ? hierarchy : null;
    }

    /// <summary>The cgroup v2 path of this process from /proc/self/cgroup's <c>0::PATH</c> line.</summary>
    internal static string? FindOwnPath(string procSelfCgroup)
    {
        foreach (var line in procSelfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                var path = line[3..].Trim();
                // A process whose cgroup was removed under it shows " (deleted)"; nothing can be made there.
                return path.StartsWith('/') && !path.EndsWith(" (deleted)", StringComparison.Ordinal) ? path : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The folder of <paramref name="ownPath"/> in a cgroup2 mount listed in <paramref name="mountInfo"/>: the mount whose
    /// root holds that path. Mount points are unescaped (\040 is a space).
    /// </summary>
    internal static string? FindDirectory(string mountInfo, string ownPath)
    {
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 5 || separator + 1 >= fields.Length || fields[separator + 1] != "cgroup2")
            {
                continue;
            }

            var root = Unescape(fields[3]);
            var mountPoint = Unescape(fields[4]);
            if (root == "/")
            {
                return ownPath == "/" ? mountPoint : mountPoint.TrimEnd('/') + ownPath;
            }

            if (ownPath == root || ownPath.StartsWith(root + "/", StringComparison.Ordinal))
            {
                return mountPoint.TrimEnd('/') + ownPath[root.Length..];
            }
        }

        return null;
    }

    /// <summary>The name of an attempt's cgroup: <c>baton-TASK-N</c>, with anything but letters, digits, dot and dash made a dash.</summary>
    internal static string NameFor(AttemptKey attempt)
    {
        var name = new StringBuilder(NamePrefix);
        foreach (var c in attempt.ToString())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        return name.ToString();
    }

    /// <summary>Where the attempt's cgroup is (or would be) in this hierarchy.</summary>
    public string PathFor(AttemptKey attempt) => Path.Combine(Directory, NameFor(attempt));

    /// <summary>Makes (or reuses) the attempt's cgroup. Throws IOException or UnauthorizedAccessException if it cannot.</summary>
    public AttemptCgroup Create(AttemptKey attempt)
    {
        var path = PathFor(attempt);
        System.IO.Directory.CreateDirectory(path);
        return new AttemptCgroup(path);
    }

    /// <summary>
    /// Removes attempts' cgroups left empty here by daemons that were killed (theirs are removed by a rescue only if
    /// their data directory is used again). One with processes is kept: the rescue of its attempt stops them.
    /// </summary>
    public int RemoveEmpty()
    {
        var removed = 0;
        try
        {
            foreach (var path in System.IO.Directory.EnumerateDirectories(Directory, NamePrefix + "*"))
            {
                if (Path.GetFileName(path).StartsWith(ProbePrefix, StringComparison.Ordinal))
                {
                    // Another process's probe, about to be removed by it.
                    continue;
                }

                var cgroup = new AttemptCgroup(path);
                if (cgroup.Members().Count == 0 && cgroup.TryRemove())
                {
                    removed++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tidying only.
        }

        return removed;
    }

    /// <summary>Makes and removes a cgroup, and checks that processes may be moved out of this one.</summary>
    private bool Probe(out string problem)
    {
        var probe = Path.Combine(Directory, ProbePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            System.IO.Directory.CreateDirectory(probe);
            System.IO.Directory.Delete(probe);
            // Moving a process into a child needs write access to the common ancestor's cgroup.procs: this one's.
            using (File.Open(Path.Combine(Directory, "cgroup.procs"), FileMode.Open, FileAccess.Write))
            {
            }

            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot make cgroups in {Directory} ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
