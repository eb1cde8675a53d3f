using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// The daemon's metrics: a registry of its own (no process-wide default state, so tests and several hosts in one
/// process do not share figures) holding <see cref="NodeMetrics"/> and <see cref="ClusterGauges"/>; the cluster's
/// gauges are read from the store just before each collection.
/// </summary>
internal sealed class BatonMetrics
{
    public BatonMetrics(CollectorRegistry registry, ClusterGauges gauges)
    {
        Registry = registry;
        registry.AddBeforeCollectCallback(gauges.RefreshAsync);
    }

    public CollectorRegistry Registry { get; }
}
