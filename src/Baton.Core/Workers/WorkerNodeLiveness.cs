namespace Baton.Core.Workers;

/// <summary>
/// When a silent node counts as gone, and when its row is forgotten. A node heartbeats at the engine's lease-renewal
/// interval; three missed beats in a row (30 s with the defaults, the lease's own length) make it gone, which is
/// long enough that a busy machine's late beat does not flicker its state, and short enough that a list of nodes is
/// honest about a machine that died. Its attempts are rescued by their leases, not by this state.
/// </summary>
public static class WorkerNodeLiveness
{
    /// <summary>Beats a node may miss before it is gone.</summary>
    public const int MissedBeats = 3;

    /// <summary>How long a gone node's row is kept for <c>baton workers</c> before it is forgotten: 7 days.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(7);

    /// <summary>How long a beat vouches for a node that beats every <paramref name="heartbeatInterval"/>.</summary>
    public static TimeSpan GoneAfter(TimeSpan heartbeatInterval) => heartbeatInterval * MissedBeats;
}
