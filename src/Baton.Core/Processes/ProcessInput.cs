using System.Text;

namespace Baton.Core.Processes;

/// <summary>
/// A supervised process's stdin kept open while it runs, for programs that take requests as they come (an agent
/// CLI's control protocol): the caller writes lines whenever it has one and closes stdin when it is done. Writes are
/// serialised, so lines from several tasks never interleave. Supervision closes it when the process ends; a write
/// after that, or to a process that exited early, returns false instead of throwing, because a process that went
/// away is for its exit status to report.
/// </summary>
public sealed class ProcessInput
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TaskCompletionSource<Stream?> attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool closed;

    /// <summary>Whether stdin was closed (by the caller, by supervision, or because the process stopped reading).</summary>
    public bool IsClosed => closed;

    /// <summary>
    /// Writes <paramref name="line"/> and a newline (UTF-8). Waits until the process has started; returns false if
    /// stdin is closed or the process no longer reads it.
    /// </summary>
    public Task<bool> WriteLineAsync(string line, CancellationToken cancellationToken = default) =>
        WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);

    /// <summary>Writes <paramref name="data"/> as it is; false if stdin is closed or the process no longer reads it.</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var stream = await attached.Task.WaitAsync(cancellationToken);
        if (stream is null || closed)
        {
            return false;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (closed)
            {
                return false;
            }

            await stream.WriteAsync(data, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // EPIPE: the process closed its stdin or exited. Nothing more can reach it.
            closed = true;
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes stdin (the process reads end-of-file) once writes in progress have finished; idempotent.</summary>
    public async Task CloseAsync()
    {
        attached.TrySetResult(null);
        await gate.WaitAsync();
        try
        {
            closed = true;
            if (attached.Task.Result is { } stream)
            {
                await stream.DisposeAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Connects the write end of the process's stdin pipe; a stdin closed before the start is closed at once.</summary>
    internal void Attach(Stream stream)
    {
        if (!attached.TrySetResult(stream))
        {
            stream.Dispose();
        }
    }
}
