using System.Text;

namespace Baton.Core.Processes;

/// <summary>
/// Checks that a file the kernel would be asked to execute is a program it can run: an ELF binary, or a script whose
/// <c>#!</c> interpreter exists. Used where a shell performs the exec, and so could only report a failure as an exit
/// status (a shell would even run a file without <c>#!</c> as a shell script, which posix_spawn refuses).
/// </summary>
internal static class ExecutableFormat
{
    private static readonly byte[] Elf = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Throws <see cref="SpawnFailedException"/> with the reason posix_spawn would have given.</summary>
    public static void EnsureRunnable(string path)
    {
        var head = new byte[256];
        int read;
        try
        {
            using var file = File.OpenRead(path);
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Execute-only or vanished: let exec itself decide.
            return;
        }

        var start = head.AsSpan(0, read);
        if (start.StartsWith(Elf))
        {
            return;
        }

        if (!start.StartsWith("#!"u8))
        {
            throw new SpawnFailedException($"cannot start '{path}': Exec format error (neither a binary nor a script starting with #!)");
        }

        var line = start[2..];
        var end = line.IndexOfAny((byte)'\n', (byte)'\r');
        var interpreter = Encoding.UTF8.GetString(end < 0 ? line : line[..end]).Trim().Split([' ', '\t'], 2)[0];
        if (interpreter.Length > 0 && !File.Exists(interpreter))
        {
            throw new SpawnFailedException($"cannot start '{path}': its interpreter '{interpreter}' does not exist");
        }
    }
}
