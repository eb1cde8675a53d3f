namespace Baton.Core.Engine;

/// <summary>
/// One running attempt's stop switch. The first reason to stop wins; once the attempt has ended by itself the
/// switch is sealed, so a late timeout or lease check cannot relabel a finished attempt.
/// </summary>
internal sealed class AttemptSlot : IDisposable
{
    private const int Sealed = -1;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock timeoutGate = new();
    private ITimer? timer;
    private ITimer? graceTimer;
    private TimeProvider? timeoutClock;
    private DateTimeOffset timeoutAt;
    private TimeSpan heldRemaining;
    private int holds;
    private readonly Lock fenceGate = new();
    private ITimer? fence;
    private int reason;

    /// <summary>Fires when the attempt must stop.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Why it was stopped, or None.</summary>
    public StopReason Reason => reason == Sealed ? StopReason.None : (StopReason)reason;

    /// <summary>
    /// Why, in words, for a stop the engine decided on the attempt's behalf (the input-timeout policy); replaces the
    /// runner's own error, which would only say the process was stopped.
    /// </summary>
    public string? StopNote { get; set; }

    /// <summary>The attempt's line to people, for agent attempts of an engine that keeps interactions.</summary>
    public AttemptConversation? Conversation { get; set; }

    /// <summary>Whether the attempt takes one of the node's slots (see <see cref="Runners.IRunner.TakesSlot"/>).</summary>
    public bool TakesSlot { get; init; } = true;

    /// <summary>Completes when the attempt's result is recorded.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks the attempt to stop for <paramref name="why"/>; false if it already stopped or ended.</summary>
    public bool TryStop(StopReason why)
    {
        if (Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None) != (int)StopReason.None)
        {
            return false;
        }

        Cancel();
        return true;
    }

    private void Cancel()
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A grace timer that fired after the attempt ended and its slot was disposed.
        }
    }

    /// <summary>
    /// Asks the attempt to stop for <paramref name="why"/>, but lets it end by itself for up to
    /// <paramref name="grace"/> first (a runner interrupts its agent gracefully, keeping the session); the reason is
    /// taken at once, so however it ends it counts as stopped for it. False if it already stopped or ended.
    /// </summary>
    public bool TryStopAfter(StopReason why, TimeSpan grace, TimeProvider time)
    {
        if (Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None) != (int)StopReason.None)
        {
            return false;
        }

        lock (timeoutGate)
        {
            graceTimer = time.CreateTimer(_ => Cancel(), null, grace, Timeout.InfiniteTimeSpan);
        }

        return true;
    }

    /// <summary>Stops the attempt with <see cref="StopReason.Timeout"/> after <paramref name="delay"/>.</summary>
    public void StopAfter(TimeSpan delay, TimeProvider time)
    {
        lock (timeoutGate)
        {
            timeoutClock = time;
            timeoutAt = time.GetUtcNow() + delay;
            timer = time.CreateTimer(_ => TryStop(StopReason.Timeout), null, holds > 0 ? Timeout.InfiniteTimeSpan : delay, Timeout.InfiniteTimeSpan);
            heldRemaining = delay;
        }
    }

    /// <summary>
    /// Stops the timeout's clock while the agent waits for a person (time spent waiting does not count against the
    /// task's timeout); holds nest, and the clock runs again when the last one is released.
    /// </summary>
    public void HoldTimeout()
    {
        lock (timeoutGate)
        {
            if (holds++ > 0 || timer is null || timeoutClock is null)
            {
                return;
            }

            var left = timeoutAt - timeoutClock.GetUtcNow();
            heldRemaining = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Releases a <see cref="HoldTimeout"/>: the timeout's clock runs on from where it stopped.</summary>
    public void ReleaseTimeout()
    {
        lock (timeoutGate)
        {
            if (holds == 0 || --holds > 0 || timer is null || timeoutClock is null)
            {
                return;
            }

            timeoutAt = timeoutClock.GetUtcNow() + heldRemaining;
            timer.Change(heldRemaining, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Stops the attempt with <see cref="StopReason.LeaseLost"/> at <paramref name="deadline"/> unless this is called
    /// again with a later one first: each renewal of the lease moves the deadline, so a worker that cannot renew
    /// stops its attempt on its own before another worker may take the task.
    /// </summary>
    public void FenceAt(DateTimeOffset deadline, TimeProvider time)
    {
        var due = deadline - time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        lock (fenceGate)
        {
            if (fence is null)
            {
                fence = time.CreateTimer(_ => TryStop(StopReason.LeaseLost), null, due, Timeout.InfiniteTimeSpan);
            }
            else
            {
                fence.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Marks the attempt as ended; returns the reason it was stopped for, if any.</summary>
    public StopReason Seal()
    {
        Interlocked.CompareExchange(ref reason, Sealed, (int)StopReason.None);
        return Reason;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (timeoutGate)
        {
            timer?.Dispose();
            graceTimer?.Dispose();
        }

        lock (fenceGate)
        {
            fence?.Dispose();
        }

        stop.Dispose();
    }
}
