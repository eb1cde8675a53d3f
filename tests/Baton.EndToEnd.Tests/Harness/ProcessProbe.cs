using System.Runtime.InteropServices;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>Process facts for assertions, and signals to processes these tests started (by pid only).</summary>
internal static partial class ProcessProbe
{
    /// <summary>True if the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The children of <paramref name="parent"/> that exited and were not reaped.</summary>
    public static IReadOnlyList<int> ZombieChildren(int parent)
    {
        var zombies = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText($"{dir}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z" && fields[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    zombies.Add(int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // Not a process, or gone.
            }
        }

        return zombies;
    }

    public static void Terminate(int pid) => _ = kill(pid, 15);

    public static void Kill(int pid) => _ = kill(pid, 9);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
