using Baton.Core.Processes;

namespace Baton.Bench.Infrastructure;

/// <summary>Runs a child process to its end with Baton's own launcher (posix_spawn), timing spawn to exit.</summary>
internal static class ChildProcesses
{
    public static async Task<ProcessRun> RunAsync(ProcessStartSpec spec, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var begun = time.GetTimestamp();
        var process = ProcessLauncher.Start(spec);
        var stdout = ReadAllAsync(process.StandardOutput);
        var stderr = ReadAllAsync(process.StandardError);
        ProcessExit exit;
        try
        {
            exit = await process.Exited.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Only the process started here, by its pid.
            _ = LibC.kill(process.Identity.ProcessId, LibC.SIGKILL);
            throw;
        }

        var elapsed = time.GetElapsedTime(begun);
        return new ProcessRun(exit, await stdout, await stderr, elapsed);
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
