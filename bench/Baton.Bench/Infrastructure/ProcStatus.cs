using System.Globalization;

namespace Baton.Bench.Infrastructure;

/// <summary>Memory figures of a process from /proc/PID/status.</summary>
internal sealed record ProcStatus(long ResidentBytes, long PeakResidentBytes, long AnonymousBytes, int Threads)
{
    public static ProcStatus Read(int pid)
    {
        var fields = File.ReadAllLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
        return new ProcStatus(Kilobytes(fields, "VmRSS"), Kilobytes(fields, "VmHWM"), Kilobytes(fields, "RssAnon"), int.Parse(fields["Threads"], CultureInfo.InvariantCulture));
    }

    /// <summary>Sets the process's VmHWM back to its current VmRSS (clear_refs 5), so the next peak is a phase's own.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    /// <summary>A "NAME: 1234 kB" field in bytes.</summary>
    private static long Kilobytes(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}
