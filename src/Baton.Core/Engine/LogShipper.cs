using System.Buffers;
using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Copies a running attempt's log file into the shared store (<see cref="IAttemptLogStore"/>) every
/// <see cref="Interval"/>, and all of it when the attempt ends, before its end is recorded: a reader that sees the
/// task ended has its whole log. The file is already capped with its cut marker, so the store holds exactly the
/// same bytes. A store out of reach delays shipping, never the attempt.
/// </summary>
internal sealed partial class LogShipper
{
    /// <summary>How often new output is shipped: how far behind a reader on another node is.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The most one chunk carries.</summary>
    private const int ChunkBytes = 256 * 1024;

    private readonly IAttemptLogStore store;
    private readonly AttemptKey attempt;
    private readonly string path;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long shipped;
    private bool warned;

    private LogShipper(IAttemptLogStore store, AttemptKey attempt, string path, TimeProvider time, ILogger logger)
    {
        this.store = store;
        this.attempt = attempt;
        this.path = path;
        this.time = time;
        this.logger = logger;
        loop = RunAsync();
    }

    /// <summary>Starts shipping the log at <paramref name="path"/>, or returns null where the store keeps no logs.</summary>
    public static LogShipper? Start(IAttemptLogStore? store, AttemptKey attempt, string path, TimeProvider time, ILogger logger) =>
        store is null ? null : new LogShipper(store, attempt, path, time, logger);

    /// <summary>Stops the periodic shipping and ships the rest (bounded: a store out of reach gives up after a while).</summary>
    public async Task FinishAsync()
    {
        await stop.CancelAsync();
        await loop;
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        while (!bounded.IsCancellationRequested)
        {
            if (await TryShipAsync(bounded.Token))
            {
                break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, bounded.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryShipAsync(stop.Token);
        }
    }

    /// <summary>Ships what the file holds past what was shipped; false if the store could not take it now.</summary>
    private async Task<bool> TryShipAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(path))
            {
                return true;
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length <= shipped)
            {
                // Nothing new: most rounds of a quiet attempt, which then allocate nothing.
                return true;
            }

            file.Seek(shipped, SeekOrigin.Begin);
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
                {
                    await store.AppendAsync(attempt, shipped, buffer.AsMemory(0, read), cancellationToken);
                    shipped += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex) when (ex is BatonException or IOException)
        {
            if (!warned)
            {
                warned = true;
                LogShipFailed(logger, attempt.ToString(), ex.Message);
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not copy the log of attempt {Attempt} to the database yet ({Reason}); trying again")]
    private static partial void LogShipFailed(ILogger logger, string attempt, string reason);
}
