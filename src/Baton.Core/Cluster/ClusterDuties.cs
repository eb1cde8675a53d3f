using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Cluster;

/// <summary>Makes this node's <see cref="ClusterDuty"/> for each once-per-cluster duty, all under one holder name.</summary>
public sealed class ClusterDuties(IClusterLeaseStore leases, string holder, ClusterDutyTiming timing, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The name this node holds leases under (its worker id).</summary>
    public string Holder => holder;

    /// <summary>A duty for the lease <paramref name="name"/> (see <see cref="ClusterDutyNames"/>).</summary>
    public ClusterDuty For(string name) => new(leases, name, holder, timing, time, loggers.CreateLogger<ClusterDuty>());
}
