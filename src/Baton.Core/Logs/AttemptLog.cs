using System.Text;
using Baton.Core.Access;

namespace Baton.Core.Logs;

/// <summary>
/// One attempt's log file. Output is streamed to disk as it arrives (never held whole in memory) up to a cap;
/// past the cap a marker line records where it was cut and the rest is counted but not kept. The last bytes of
/// stdout and of stderr are also kept in memory, for the task's result and error.
/// </summary>
public sealed class AttemptLog : IDisposable
{
    private readonly long capBytes;
    private readonly Lock gate = new();
    private readonly TailBuffer stdoutTail;
    private readonly TailBuffer stderrTail;
    private FileStream? file;
    private long fileBytes;

    private AttemptLog(string path, long capBytes, int tailBytes)
    {
        Path = path;
        this.capBytes = capBytes;
        stdoutTail = new TailBuffer(tailBytes);
        stderrTail = new TailBuffer(tailBytes);
    }

    /// <summary>The log file's path.</summary>
    public string Path { get; }

    /// <summary>True once output went past the cap.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// A log at <paramref name="path"/>. The file (and its folder) is created on the first output: creating it costs
    /// more than a short task's whole run, and a task with no output needs none (readers treat a missing file as empty).
    /// </summary>
    public static AttemptLog Create(string path, long capBytes, int tailBytes) => new(path, capBytes, tailBytes);

    /// <summary>Appends a chunk of the process's standard output.</summary>
    public void WriteStdout(ReadOnlySpan<byte> data) => Write(data, stdoutTail);

    /// <summary>Appends a chunk of the process's standard error.</summary>
    public void WriteStderr(ReadOnlySpan<byte> data) => Write(data, stderrTail);

    /// <summary>Appends a line written by Baton itself (spawn errors, stop notices), prefixed so it stands out.</summary>
    public void WriteNotice(string message) => Write(Encoding.UTF8.GetBytes($"[baton] {message}\n"), tail: null);

    /// <summary>The last bytes of stdout, as text.</summary>
    public string StdoutTail => stdoutTail.ToText();

    /// <summary>The last bytes of stderr, as text.</summary>
    public string StderrTail => stderrTail.ToText();

    private void Write(ReadOnlySpan<byte> data, TailBuffer? tail)
    {
        lock (gate)
        {
            tail?.Write(data);
            if (Truncated)
            {
                return;
            }

            file ??= Open(Path);
            var room = capBytes - fileBytes;
            if (data.Length <= room)
            {
                file.Write(data);
                fileBytes += data.Length;
                return;
            }

            file.Write(data[..(int)room]);
            fileBytes += room;
            file.Write(Encoding.UTF8.GetBytes($"\n[baton] log cut here: it reached the cap of {capBytes} bytes; later output was not kept\n"));
            Truncated = true;
        }
    }

    private static FileStream Open(string path)
    {
        PrivateFiles.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new FileStream(path, PrivateFiles.Options(FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }
}
