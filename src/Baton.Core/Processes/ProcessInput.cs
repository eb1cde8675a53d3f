using System.Text;

namespace Baton.Core.Processes;

/// <summary>
/// A supervised process's stdin left open while it runs, for CLIs that take requests as they come (a JSON-RPC
/// protocol over stdio). Lines are written one at a time so that concurrent writers never interleave; supervision
/// closes it when the process ends. Writing to a process that has gone returns false: its exit reports why.
/// </summary>
public sealed class ProcessInput
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TaskCompletionSource<Stream?> pipe = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool closed;

    /// <summary>Writes <paramref name="line"/> and a newline as UTF-8, once the process runs; false if stdin is closed.</summary>
    public async Task<bool> WriteLineAsync(string line, CancellationToken cancellationToken = default)
    {
        var stream = await pipe.Task.WaitAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (stream is null || closed)
            {
                return false;
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process stopped reading (EPIPE) or exited.
            closed = true;
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes stdin (the process reads end-of-file) after a write in progress; safe to call more than once.</summary>
    public async Task CloseAsync()
    {
        pipe.TrySetResult(null);
        await gate.WaitAsync();
        try
        {
            closed = true;
            if (await pipe.Task is { } stream)
            {
                await stream.DisposeAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes the write end of the stdin pipe; a stdin closed before the start gets it closed at once.</summary>
    internal void Attach(Stream stream)
    {
        if (!pipe.TrySetResult(stream))
        {
            stream.Dispose();
        }
    }
}
