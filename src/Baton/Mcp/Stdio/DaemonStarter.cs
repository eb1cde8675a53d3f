using Baton.Configuration;
using Baton.Daemon;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Stdio;

/// <summary>
/// Makes sure a daemon serves the data directory before the stdio server queues work, starting one if none is alive
/// (as the CLI does). Checks are serialised, so concurrent tool calls start at most one daemon.
/// </summary>
internal sealed partial class DaemonStarter(BatonSettings settings, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Starts a daemon in the background now, so that it is likely up by the first task; failures are only logged (the next check reports them).</summary>
    public void StartInBackground() => _ = Task.Run(async () =>
    {
        try
        {
            await EnsureAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBackgroundStartFailed(logger, ex.Message);
        }
    });

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (pid, started) = await DaemonLauncher.EnsureRunningAsync(settings, allowStart: true, cancellationToken);
            if (started)
            {
                LogStarted(logger, pid, settings.DaemonLogPath);
                if (settings.BackgroundWorkers == 0)
                {
                    LogApiOnly(logger, DaemonLauncher.ApiOnlyNote);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the Baton daemon in the background (pid {Pid}); its log is {LogPath}")]
    private static partial void LogStarted(ILogger logger, int pid, string logPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Note}")]
    private static partial void LogApiOnly(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the Baton daemon: {Message}")]
    private static partial void LogBackgroundStartFailed(ILogger logger, string message);
}
