namespace Baton.Core.Engine;

/// <summary>Why the engine stopped a running attempt; decides the attempt's and the task's status.</summary>
public enum StopReason
{
    /// <summary>Not stopped: the attempt ended by itself.</summary>
    None,
    /// <summary>It ran past the task's timeout.</summary>
    Timeout,
    /// <summary>The task was cancelled.</summary>
    Cancelled,
    /// <summary>The daemon is shutting down; the task goes back to the queue.</summary>
    Shutdown,
    /// <summary>The worker lost the attempt's lease; its result would be rejected.</summary>
    LeaseLost,
    /// <summary>A person paused the task: the attempt is interrupted with its session kept, the task paused.</summary>
    Paused,
    /// <summary>Nobody answered the agent within its input timeout and the policy is to fail.</summary>
    InputTimeout,
    /// <summary>
    /// The attempt spent what was left of a budget: it is interrupted with its session kept and the task goes back to
    /// the queue, where the next attempt asks a person before it spends more.
    /// </summary>
    Budget,
}
