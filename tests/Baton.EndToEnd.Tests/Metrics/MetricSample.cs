namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>One sample as the Prometheus parser read it.</summary>
internal sealed record MetricSample(string Family, string Type, string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True if every label given has that value.</summary>
    public bool Has(params (string Name, string Value)[] labels) => labels.All(l => Labels.TryGetValue(l.Name, out var v) && v == l.Value);
}
