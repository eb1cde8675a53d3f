using System.Text;
using Baton.Core.Access;

namespace Baton.Core.Logs;

/// <summary>
/// One attempt's log file. Output is streamed to disk as it arrives (never held whole in memory) up to a cap;
/// past the cap a marker line records where it was cut and the rest is counted but not kept. The last bytes of
/// stdout and of stderr are also kept in memory, for the task's result and error. Writing never throws: a file that
/// cannot be written (a full disk) is recorded in <see cref="WriteFailure"/> and <see cref="WriteFailed"/> fires, so
/// that the pipes keep being read (a reader that stopped would kill the process with SIGPIPE) and the attempt ends
/// with a message that says what happened.
/// </summary>
public sealed class AttemptLog : IDisposable
{
    private const int ENOSPC = 28;
    private const int EDQUOT = 122;
    private readonly long capBytes;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource failed = new();
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

    /// <summary>Why the file could not be written, for the user ("the disk holding ... is full"); null while it can.</summary>
    public string? WriteFailure { get; private set; }

    /// <summary>Fires once the file cannot be written.</summary>
    public CancellationToken WriteFailed => failed.Token;

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
            if (Truncated || WriteFailure is not null)
            {
                return;
            }

            try
            {
                WriteFile(data);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(ex);
            }
        }

        if (WriteFailure is not null && !failed.IsCancellationRequested)
        {
            // Outside the lock: whoever listens may write a notice (which is then dropped).
            failed.Cancel();
        }
    }

    private void WriteFile(ReadOnlySpan<byte> data)
    {
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

    private void Fail(Exception ex)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        WriteFailure = ex.HResult is ENOSPC or EDQUOT
            ? $"the disk holding '{folder}' is full, so the attempt's log could not be written and the attempt was stopped; free some space and retry the task"
            : $"the attempt's log '{Path}' could not be written ({ex.Message.TrimEnd('.')}), so the attempt was stopped";
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
            // Flushing a file on a full disk fails again; the handle is released all the same.
        }

        file = null;
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
            try
            {
                file?.Dispose();
            }
            catch (IOException)
            {
                // Nothing is buffered (writes go straight to the file); a failing close loses nothing more.
            }
        }

        // The failure token is left undisposed: a pump that outlived the attempt may still write (and fail) after this.
    }
}
