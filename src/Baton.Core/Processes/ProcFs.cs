using System.Globalization;
using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>Reads process facts from /proc: start time, parent, process group, environment markers, boot id.</summary>
internal static class ProcFs
{
    private static readonly Lazy<string> CachedBootId = new(() =>
        File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "unknown");

    /// <summary>The id of this boot; a process recorded under another boot is certainly gone.</summary>
    public static string BootId => CachedBootId.Value;

    /// <summary>The parts of /proc/PID/stat that Baton needs.</summary>
    public readonly record struct ProcStat(int ProcessId, char State, int ParentId, int GroupId, int SessionId, long StartTicks);

    /// <summary>Reads /proc/PID/stat; false if the process does not exist (or vanished while reading).</summary>
    public static bool TryReadStat(int pid, out ProcStat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return false;
        }

        stat = new ProcStat(
            pid,
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The identity of a live process, or null if it is gone.</summary>
    public static ProcessIdentity? Identify(int pid) =>
        TryReadStat(pid, out var stat) ? new ProcessIdentity(pid, stat.StartTicks, BootId) : null;

    /// <summary>True if the process that <paramref name="identity"/> names is still alive (and not a zombie).</summary>
    public static bool IsAlive(ProcessIdentity identity) =>
        identity.BootId == BootId
        && TryReadStat(identity.ProcessId, out var stat)
        && stat.StartTicks == identity.StartTicks
        && stat.State != 'Z';

    /// <summary>Ids of every process visible in /proc.</summary>
    public static IEnumerable<int> AllProcessIds()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The stat of every process visible in /proc (those that vanish while it is read are left out).</summary>
    public static List<ProcStat> Snapshot()
    {
        var all = new List<ProcStat>();
        foreach (var pid in AllProcessIds())
        {
            if (TryReadStat(pid, out var stat))
            {
                all.Add(stat);
            }
        }

        return all;
    }

    /// <summary>True if the process's environment holds exactly the entry <paramref name="entry"/> (NAME=value).</summary>
    public static bool EnvironmentContains(int pid, ReadOnlySpan<byte> entry)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = environ;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            var item = end < 0 ? rest : rest[..end];
            if (item.SequenceEqual(entry))
            {
                return true;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return false;
    }
}
