namespace Baton.Core.Workers;

/// <summary>What a heartbeat learned from the store.</summary>
public enum WorkerBeatOutcome
{
    /// <summary>Recorded; the node may claim work.</summary>
    Active,

    /// <summary>Recorded; the node is asked to drain: claim nothing new, finish what runs.</summary>
    Drain,

    /// <summary>Not recorded: the name is no longer this process's (forgotten, or taken after it was gone); register again.</summary>
    Lost,
}
