namespace Baton.Core.Engine;

/// <summary>
/// One running attempt's stop switch. The first reason to stop wins; once the attempt has ended by itself the
/// switch is sealed, so a late timeout or lease check cannot relabel a finished attempt.
/// </summary>
internal sealed class AttemptSlot : IDisposable
{
    private const int Sealed = -1;
    private readonly CancellationTokenSource stop = new();
    private ITimer? timer;
    private readonly Lock fenceGate = new();
    private ITimer? fence;
    private int reason;

    /// <summary>Fires when the attempt must stop.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Why it was stopped, or None.</summary>
    public StopReason Reason => reason == Sealed ? StopReason.None : (StopReason)reason;

    /// <summary>Completes when the attempt's result is recorded.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks the attempt to stop for <paramref name="why"/>; false if it already stopped or ended.</summary>
    public bool TryStop(StopReason why)
    {
        if (Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None) != (int)StopReason.None)
        {
            return false;
        }

        stop.Cancel();
        return true;
    }

    /// <summary>Stops the attempt with <see cref="StopReason.Timeout"/> after <paramref name="delay"/>.</summary>
    public void StopAfter(TimeSpan delay, TimeProvider time) =>
        timer = time.CreateTimer(_ => TryStop(StopReason.Timeout), null, delay, Timeout.InfiniteTimeSpan);

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
        timer?.Dispose();
        lock (fenceGate)
        {
            fence?.Dispose();
        }

        stop.Dispose();
    }
}
