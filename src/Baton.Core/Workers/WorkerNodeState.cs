namespace Baton.Core.Workers;

/// <summary>Where a worker node stands; wire names are lower case (<see cref="WorkerNodeStates.ToWire"/>).</summary>
public enum WorkerNodeState
{
    /// <summary>Heartbeating and claiming work.</summary>
    Active,

    /// <summary>Heartbeating, finishing what it runs, claiming nothing new.</summary>
    Draining,

    /// <summary>Stopped, or silent for longer than <see cref="WorkerNodeLiveness.GoneAfter"/>.</summary>
    Gone,
}
