using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// A labelled gauge set whole at each scrape: the series given are set, and those of the last scrape that are not
/// given any more are removed (a queue that emptied of an agent's tasks stops being reported, rather than staying at
/// its last figure).
/// </summary>
internal sealed class GaugeSeries(Gauge gauge)
{
    private readonly Dictionary<string, double> next = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> labels = new(StringComparer.Ordinal);
    private HashSet<string> published = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="value"/> to the series of <paramref name="labelValues"/> for this scrape.</summary>
    public void Add(double value, params string[] labelValues)
    {
        var key = string.Join('\u0001', labelValues);
        labels[key] = labelValues;
        next[key] = next.GetValueOrDefault(key) + value;
    }

    /// <summary>Sets every series added since the last publish and removes the rest.</summary>
    public void Publish()
    {
        foreach (var (key, value) in next)
        {
            gauge.WithLabels(labels[key]).Set(value);
        }

        foreach (var stale in published.Where(key => !next.ContainsKey(key)))
        {
            gauge.RemoveLabelled(labels[stale]);
            labels.Remove(stale);
        }

        published = [.. next.Keys];
        next.Clear();
    }
}
