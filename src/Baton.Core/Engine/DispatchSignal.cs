namespace Baton.Core.Engine;

/// <summary>
/// Wakes the dispatcher: work was queued, a slot was freed, or a person asked something of a running attempt (cancel,
/// pause, an answer, a message). Signals that arrive while
/// the dispatcher is busy are not lost (unlike a store's <see cref="Events.IChangeSignal"/>, this one is a latch
/// with flags, because the dispatcher must know what to look for); many signals coalesce into one wake-up. It waits
/// as every follower of the store does (<see cref="Events.ChangeWaits"/>).
/// </summary>
public sealed class DispatchSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource wake = NewSource();
    private bool attention;
    private bool workQueued;

    /// <summary>Work was queued (here or, through the wake-up socket, by another process).</summary>
    public void NotifyWorkQueued()
    {
        lock (gate)
        {
            workQueued = true;
        }

        Notify();
    }

    /// <summary>Wakes the dispatcher without news of queued work (a slot was freed).</summary>
    public void Notify()
    {
        TaskCompletionSource current;
        lock (gate)
        {
            current = wake;
        }

        current.TrySetResult();
    }

    /// <summary>
    /// A person asked something of a running task (cancel, pause, an answer, a message); the dispatcher looks for it
    /// when it wakes.
    /// </summary>
    public void NotifyAttention()
    {
        lock (gate)
        {
            attention = true;
        }

        Notify();
    }

    /// <summary>True once after work was queued (once for several queued together).</summary>
    public bool TakeWorkQueued()
    {
        lock (gate)
        {
            var queued = workQueued;
            workQueued = false;
            return queued;
        }
    }

    /// <summary>True once after each request of a person (or several that came together).</summary>
    public bool TakeAttention()
    {
        lock (gate)
        {
            var changed = attention;
            attention = false;
            return changed;
        }
    }

    /// <summary>Waits for a signal or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        Task pending;
        lock (gate)
        {
            if (wake.Task.IsCompleted)
            {
                wake = NewSource();
                return;
            }

            pending = wake.Task;
        }

        await Events.ChangeWaits.WaitAsync(pending, timeout, time, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (wake.Task.IsCompleted)
            {
                wake = NewSource();
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
