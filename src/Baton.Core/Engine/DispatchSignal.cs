namespace Baton.Core.Engine;

/// <summary>
/// Wakes the dispatcher: work was queued, a slot was freed, or another process changed the store. Signals that
/// arrive while the dispatcher is busy are not lost; many signals coalesce into one wake-up.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource wake = NewSource();
    private bool externalChange;

    /// <summary>Something in this process changed the queue.</summary>
    public void Notify()
    {
        TaskCompletionSource current;
        lock (gate)
        {
            current = wake;
        }

        current.TrySetResult();
    }

    /// <summary>Another process changed the store (queued work, asked for a cancel).</summary>
    public void NotifyExternalChange()
    {
        lock (gate)
        {
            externalChange = true;
        }

        Notify();
    }

    /// <summary>True once after each external change.</summary>
    public bool TakeExternalChange()
    {
        lock (gate)
        {
            var changed = externalChange;
            externalChange = false;
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

        // Cancel the timer once woken, so frequent wake-ups do not leave timers behind.
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(pending, Task.Delay(timeout, time, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }

        lock (gate)
        {
            if (wake.Task.IsCompleted)
            {
                wake = NewSource();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
