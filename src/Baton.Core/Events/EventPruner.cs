using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Events;

/// <summary>
/// Deletes events older than the retention (with their notifications and finished webhook deliveries) at start-up
/// and then every <see cref="Interval"/>, in batches of <see cref="BatchSize"/>, one short transaction each, yielding
/// between them, so that the engine's writes never wait behind one long delete.
/// </summary>
public sealed partial class EventPruner(IEventStore store, TimeSpan retention, TimeProvider time, ILogger<EventPruner> logger)
{
    /// <summary>Events deleted per transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Time between rounds.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One round: deletes everything older than the retention; returns how many events went.</summary>
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - retention;
        var total = 0;
        while (true)
        {
            var deleted = await store.PruneAsync(before, BatchSize, cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                break;
            }

            // Let writers queued behind this batch go first.
            await Task.Yield();
        }

        if (total > 0)
        {
            LogPruned(total, before);
        }

        return total;
    }

    /// <summary>Prunes now and then every <see cref="Interval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PruneOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (BatonException ex)
            {
                // A busy or unreadable store: the next round tries again; nothing is lost by waiting.
                LogPruneFailed(ex.Message);
            }

            try
            {
                await Task.Delay(Interval, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} events from before {Before:u} (events.retention_days)")]
    private partial void LogPruned(int count, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the event log failed ({Reason}); trying again in an hour")]
    private partial void LogPruneFailed(string reason);
}
