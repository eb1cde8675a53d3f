using System.Collections.Concurrent;
using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// The engine's second loop, beside dispatch: at the lease-renewal cadence it renews this worker's leases (and fences
/// its attempts by them), hands back attempts the store counts as this worker's but that run nowhere, heartbeats the
/// node's row, reads people's requests whose wake-up was lost, and sweeps for other workers' lost attempts.
/// </summary>
internal sealed partial class LeaseKeeper(
    IAttemptStore store,
    EngineOptions options,
    TimeProvider time,
    ILogger logger,
    string workerId,
    ConcurrentDictionary<AttemptKey, AttemptSlot> running,
    ClaimsInFlight claiming,
    WorkerNodeKeeper? node,
    Rescuer rescuer,
    InstructionCarrier instructions,
    DispatchSignal signal,
    Func<bool> sweepsForRescue,
    Action announceQueued)
{
    /// <summary>How soon a failed renewal is tried again (never later than the usual interval).</summary>
    private static readonly TimeSpan RenewRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock beatGate = new();
    private TaskCompletionSource beatSoon = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Renews the leases of this worker's attempts and rescues other workers' lost ones. Each renewal moves every
    /// held attempt's fence; an attempt the store no longer counts as held stops at once, and one whose renewals keep
    /// failing stops when its fence comes (the store is unreachable: better stopped than run twice).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var wait = options.LeaseRenewInterval;
        var forgetAt = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Task soon;
                lock (beatGate)
                {
                    soon = beatSoon.Task;
                }

                await Events.ChangeWaits.WaitAsync(soon, wait, time, stopping);
                lock (beatGate)
                {
                    if (beatSoon.Task.IsCompleted)
                    {
                        beatSoon = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                wait = options.LeaseRenewInterval;
                // Only attempts known before the renewal can be judged by it; one claimed meanwhile is not lost.
                var known = running.ToArray();
                var quiet = claiming.Quiet();
                var leaseUntil = time.GetUtcNow() + options.LeaseDuration;
                var held = (await store.RenewLeasesAsync(workerId, leaseUntil, stopping)).ToHashSet();
                foreach (var (key, slot) in known)
                {
                    if (held.Contains(key))
                    {
                        slot.FenceAt(leaseUntil - options.LeaseMargin, time);
                    }
                    else if (slot.TryStop(StopReason.LeaseLost))
                    {
                        LogStopping(logger, key.ToString(), StopReason.LeaseLost);
                    }
                }

                if (quiet is { } mark && claiming.QuietSince(mark))
                {
                    await HandBackNotRunningAsync(held, stopping);
                }

                if (node is not null)
                {
                    await BeatAsync(stopping);
                    if (time.GetUtcNow() >= forgetAt)
                    {
                        await node.ForgetLongGoneAsync(stopping);
                        forgetAt = time.GetUtcNow() + TimeSpan.FromHours(1);
                    }
                }

                // Fallback for requests whose wake-up signal was lost.
                await instructions.CarryOutAsync(stopping);
                // The recurring sweep is once-per-cluster work: only the node that holds the rescue lease sweeps.
                if (sweepsForRescue() && await rescuer.RescueLostAttemptsAsync(stopping) > 0)
                {
                    signal.NotifyWorkQueued();
                    announceQueued();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Try again soon: the fences stop this worker's attempts if the store stays out of reach.
                LogLeaseFailed(logger, ex);
                wait = RenewRetryDelay < options.LeaseRenewInterval ? RenewRetryDelay : options.LeaseRenewInterval;
            }
        }
    }

    /// <summary>
    /// Hands back to the queue the attempts the store counts as this worker's but the engine does not run: a claim that
    /// committed although its answer was lost (never started), or an attempt whose end could not be recorded within its
    /// lease (its process gone). No process of theirs runs, so the task may run again at once; renewed with the others,
    /// they would otherwise stay running for as long as this worker lives. The write is a rescue's, so an attempt that
    /// ended meanwhile is left as it is.
    /// </summary>
    private async Task HandBackNotRunningAsync(IReadOnlyCollection<AttemptKey> held, CancellationToken cancellationToken)
    {
        foreach (var key in held)
        {
            if (running.ContainsKey(key))
            {
                continue;
            }

            // The same write as a rescue of a dead worker's attempt, fenced by this worker and by the attempt still running.
            var rescue = new AttemptRescue
            {
                Attempt = key,
                WorkerId = workerId,
                Now = time.GetUtcNow(),
                Reason = "interrupted: its worker no longer ran it (the answer to its claim or to its end was lost)",
                TaskStatus = TaskState.Pending,
            };
            if (await store.RescueAsync(rescue, cancellationToken))
            {
                LogHandedBack(logger, key.ToString());
                signal.NotifyWorkQueued();
                announceQueued();
            }
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (await node!.BeatAsync(running.Count, cancellationToken))
        {
            if (node.Draining)
            {
                if (running.IsEmpty)
                {
                    BeatSoon();
                }
            }
            else
            {
                // Resumed: the queue may hold work it left alone while draining.
                signal.NotifyWorkQueued();
            }
        }
    }

    /// <summary>Makes the next heartbeat now (a drained node says so at once).</summary>
    public void BeatSoon()
    {
        lock (beatGate)
        {
            beatSoon.TrySetResult();
        }
    }

    /// <summary>The sweep at start-up: this machine's dead workers' attempts at once, others' once their leases expired.</summary>
    public async Task RescueAtStartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await rescuer.RescueLostAttemptsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaseFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping attempt {Attempt}: {Reason}")]
    private static partial void LogStopping(ILogger logger, string attempt, StopReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} is this worker's in the store but runs nowhere (the answer to its claim or to its end was lost); its task is back in the queue")]
    private static partial void LogHandedBack(ILogger logger, string attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease renewal or rescue failed; retrying at the next interval")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception);
}
