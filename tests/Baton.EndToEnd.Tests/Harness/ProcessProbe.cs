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

    public static void Terminate(int pid) => _ = kill(pid, 15);

    public static void Kill(int pid) => _ = kill(pid, 9);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
