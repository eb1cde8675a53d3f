namespace Baton.Core.Events;

/// <summary>
/// "Something changed in the store": the one wake-up port of every reader that follows the store (the event cursor,
/// the webhook outbox). In a process, the store notifies it after each commit (<see cref="ChangeSignal"/>); other
/// processes' changes arrive over the daemon's socket, which relays them into the same signal. Readers never rely on
/// it alone: they read again after <see cref="EventLogTiming.FallbackPoll"/> whatever happened.
/// </summary>
public interface IChangeSignal
{
    /// <summary>
    /// A task that completes at the next change after this call. Take it before reading the store, not after, so a
    /// change that commits between the read and the wait is not missed.
    /// </summary>
    Task Next();

    /// <summary>Tells every waiter that something changed.</summary>
    void Notify();
}
