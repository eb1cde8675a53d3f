using Baton.Core.Attempts;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// The engine's claiming loop: wakes on queued-work and attention signals, claims every free slot in one transaction
/// and hands each claim to <paramref name="start"/>. A node that drains claims nothing (and an attention signal makes
/// it heartbeat at once, through <paramref name="beatSoon"/>, to learn whether it was asked to); a node claims only
/// tasks whose required labels it offers.
/// </summary>
internal sealed partial class Dispatcher(
    IAttemptStore store,
    EngineOptions options,
    DispatchSignal signal,
    TimeProvider time,
    ILogger logger,
    string workerId,
    InstructionCarrier instructions,
    ClaimsInFlight claiming,
    Func<int> slotsTaken,
    Func<bool> draining,
    Action<Claim, DateTimeOffset> start,
    Action beatSoon)
{
    /// <summary>The shortest wait before looking again for a task that is due but was not claimed.</summary>
    private static readonly TimeSpan DueAgain = TimeSpan.FromMilliseconds(50);

    private readonly IReadOnlyList<string> offeredLabels = Baton.Core.Workers.WorkerLabels.Offered(options.Labels);

    /// <summary>
    /// Claims while slots are free and work may be due. "May be due" is true after a queued-work signal, once the
    /// next due time or the poll interval passes, and while claims keep succeeding; a freed slot alone does not make
    /// it true, so an engine that keeps up with its producers does not spend a write transaction per task finding
    /// the queue empty.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var mayHaveWork = true;
        var recheckAt = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (signal.TakeAttention())
                {
                    await instructions.CarryOutAsync(stopping);
                    // The request may have been a drain or a resume of this node, which its heartbeat learns: beat now.
                    beatSoon();
                }

                if (signal.TakeWorkQueued() || time.GetUtcNow() >= recheckAt)
                {
                    mayHaveWork = true;
                    recheckAt = time.GetUtcNow() + options.PollInterval;
                }

                while (mayHaveWork && !draining() && slotsTaken() < options.Workers && !stopping.IsCancellationRequested)
                {
                    var now = time.GetUtcNow();
                    var leaseUntil = now + options.LeaseDuration;
                    // Every free slot in one transaction: after a burst of finishes, one claim fills them all.
                    var free = options.Workers - slotsTaken();
                    IReadOnlyList<Claim> claims;
                    using (claiming.Begin())
                    {
                        claims = await store.ClaimAsync(workerId, offeredLabels, now, leaseUntil, free, stopping);
                        foreach (var claim in claims)
                        {
                            start(claim, leaseUntil);
                        }
                    }

                    if (claims.Count < free)
                    {
                        mayHaveWork = false;
                        recheckAt = time.GetUtcNow() + await TimeUntilNextDueAsync(stopping);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or failing store must not kill the engine; try again after the poll interval.
                LogDispatchFailed(logger, ex);
                recheckAt = time.GetUtcNow() + options.PollInterval;
            }

            var wait = recheckAt - time.GetUtcNow();
            await signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stopping);
        }
    }

    /// <summary>
    /// How long to wait after a claim left slots free: until the next task this node may claim is due, at most the
    /// poll interval. A task already due that the claim did not take is held by another claimer (PostgreSQL skips
    /// locked rows) or became due since the claim began; the next look comes a moment later, not at once, so that a
    /// row held for long cannot turn this loop into a stream of empty claims.
    /// </summary>
    private async Task<TimeSpan> TimeUntilNextDueAsync(CancellationToken cancellationToken)
    {
        var next = await store.NextDueAtAsync(offeredLabels, cancellationToken);
        if (next is null)
        {
            return options.PollInterval;
        }

        var untilDue = next.Value - time.GetUtcNow();
        var wait = untilDue <= TimeSpan.Zero ? DueAgain : untilDue;
        return wait < options.PollInterval ? wait : options.PollInterval;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch failed; retrying after the poll interval")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
