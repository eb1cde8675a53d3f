namespace Baton.Core.Workers;

/// <summary>Wire names of <see cref="WorkerNodeState"/>.</summary>
public static class WorkerNodeStates
{
    /// <summary>active, draining or gone.</summary>
    public static string ToWire(this WorkerNodeState state) => state switch
    {
        WorkerNodeState.Active => "active",
        WorkerNodeState.Draining => "draining",
        _ => "gone",
    };
}
