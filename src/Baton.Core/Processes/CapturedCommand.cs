using System.Text;
using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>
/// Runs a short helper command (git, a CLI's --version) to completion through the same launcher as attempts, with
/// its output captured up to a bound and its whole tree stopped if it overruns its time limit.
/// </summary>
public static class CapturedCommand
{
    private const int MaxOutputBytes = 1024 * 1024;

    /// <summary>The exit and stdout of the command, or null if it could not start or ran past <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output)?> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var path = ProgramResolver.Resolve(program, workingDirectory, Environment.GetEnvironmentVariable("PATH"), out _);
        if (path is null || !Directory.Exists(workingDirectory))
        {
            return null;
        }

        SpawnedProcess process;
        try
        {
            process = ProcessLauncher.Start(new ProcessStartSpec(path, arguments, workingDirectory, Runners.AttemptEnvironment.OfCurrentProcess()));
        }
        catch (SpawnFailedException)
        {
            return null;
        }

        var output = ReadBoundedAsync(process.StandardOutput);
        var errors = process.StandardError.CopyToAsync(Stream.Null, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var exit = await process.Exited.WaitAsync(timeout.Token);
            await Task.WhenAll(output, errors).WaitAsync(timeout.Token);
            return (exit.ExitCode ?? -1, await output);
        }
        catch (OperationCanceledException)
        {
            await new ProcessTree(process.Identity, new AttemptKey("capture", process.Identity.ProcessId)).StopAsync(TimeSpan.FromSeconds(1), TimeProvider.System);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    private static async Task<string> ReadBoundedAsync(Stream stream)
    {
        await using (stream)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length < MaxOutputBytes)
                {
                    buffer.Write(chunk, 0, (int)Math.Min(read, MaxOutputBytes - buffer.Length));
                }
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
