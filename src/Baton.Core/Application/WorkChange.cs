namespace Baton.Core.Application;

/// <summary>What changed in the store, so the engine does only the work that change needs.</summary>
public enum WorkChange
{
    /// <summary>Work was queued (or re-queued): claim if a slot is free.</summary>
    Queued,
    /// <summary>A running task has a cancel request: stop its attempt.</summary>
    CancelRequested,
    /// <summary>
    /// A person answered an interaction, sent a message into a running session or asked to pause a running task:
    /// the worker running it looks (<see cref="Storage.IAttemptStore.FindInstructionsAsync"/>). Or a person asked a
    /// node to drain or to resume: every node heartbeats at once and learns whether it is the one.
    /// </summary>
    Attention,
}
