namespace Baton.Core.Cluster;

/// <summary>How long a duty's lease lasts and how often it is renewed or sought.</summary>
public sealed record ClusterDutyTiming
{
    /// <summary>A lease's length: the longest a duty stays without a holder after its node died. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the holder renews, and a node without it tries to take it. Default 10 s.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The holder stops the duty once its last renewal is this old without a newer one, a margin before the lease
    /// could pass to another node. Default: a third of the lease.
    /// </summary>
    public TimeSpan StopAfter => LeaseDuration - (LeaseDuration / 3);
}
