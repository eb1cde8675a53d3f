namespace Baton.Core.Events;

/// <summary>Waiting on an <see cref="IChangeSignal"/> with a bound.</summary>
public static class ChangeWaits
{
    /// <summary>
    /// Waits for <paramref name="change"/> (a task from <see cref="IChangeSignal.Next"/>) or until
    /// <paramref name="timeout"/> passes on <paramref name="time"/>, whichever comes first; the timer is released
    /// as soon as either happens, so frequent changes leave no timers behind.
    /// </summary>
    public static async Task WaitAsync(Task change, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (change.IsCompleted || timeout <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(change, delay).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
