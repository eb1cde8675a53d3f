using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Records each started process of an attempt, so that a rescue after this node's death can find and stop it, and
/// stops the process if the store answers that the attempt is no longer this worker's.
/// </summary>
internal sealed partial class ProcessRecorder(IAttemptStore store, TimeProvider time, ILogger logger, string workerId)
{
    /// <summary>How long to wait before trying again while the store is out of reach.</summary>
    private static readonly Retry.Backoff Backoff = Retry.Backoff.Exponential(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), fullJitter: false);

    /// <summary>
    /// Records the started process, and stops it if the store answers that the attempt is no longer this worker's. A
    /// store out of reach is no reason to stop the process: it already runs and may have done its work by the time the
    /// store's failure is known, and stopping it would count that as a failed attempt and run the task again. Its lease
    /// guards it as it guards every running attempt (the fence stops it if renewals keep failing), and its pid is
    /// recorded once the store answers again, so that a rescue after this node's death can still stop it.
    /// </summary>
    public async Task RecordAsync(AttemptKey attempt, ProcessIdentity process, string logPath, AttemptSlot slot)
    {
        try
        {
            StopIfLost(await store.RecordProcessAsync(attempt, workerId, process, logPath), attempt, slot);
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.Unavailable)
        {
            LogProcessNotRecorded(logger, attempt.ToString(), ex);
            // The stop token is taken now, while the attempt runs: its slot is disposed once the attempt ends.
            _ = RecordLaterAsync(attempt, process, logPath, slot, slot.Token);
        }
    }

    /// <summary>
    /// Tries again to record the process, backing off, until the store answers or the attempt is over: its end, once
    /// recorded, says all that a rescue needs, and a process being stopped no longer needs finding.
    /// </summary>
    private async Task RecordLaterAsync(AttemptKey attempt, ProcessIdentity process, string logPath, AttemptSlot slot, CancellationToken stopping)
    {
        for (var round = 1; !slot.Finished.Task.IsCompleted; round++)
        {
            try
            {
                await Task.Delay(Backoff.DelayFor(round) ?? TimeSpan.Zero, time, stopping);
                if (slot.Finished.Task.IsCompleted)
                {
                    return;
                }

                var held = await store.RecordProcessAsync(attempt, workerId, process, logPath, stopping);
                if (held)
                {
                    LogProcessRecordedLate(logger, attempt.ToString(), round);
                }

                StopIfLost(held, attempt, slot);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (BatonException ex) when (ex.Kind == ErrorKind.Unavailable)
            {
                // Still out of reach: the lease decides meanwhile whether the process may run on.
            }
            catch (Exception ex)
            {
                LogProcessNotRecordedAtAll(logger, attempt.ToString(), ex);
                return;
            }
        }
    }

    private void StopIfLost(bool held, AttemptKey attempt, AttemptSlot slot)
    {
        // A sealed slot (the attempt ended by itself) refuses the stop: its end, not this answer, counts.
        if (!held && slot.TryStop(StopReason.LeaseLost))
        {
            // Another worker has the attempt now (it was rescued): this copy must not run on.
            LogLeaseLostAtStart(logger, attempt.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} was no longer held by this worker when its process started; stopping it")]
    private static partial void LogLeaseLostAtStart(ILogger logger, string attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the process of attempt {Attempt}; it runs on under its lease")]
    private static partial void LogProcessNotRecorded(ILogger logger, string attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded the process of attempt {Attempt} after {Rounds} tries; the store is back")]
    private static partial void LogProcessRecordedLate(ILogger logger, string attempt, int rounds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the process of attempt {Attempt}; it runs on under its lease, unrecorded")]
    private static partial void LogProcessNotRecordedAtAll(ILogger logger, string attempt, Exception exception);
}
