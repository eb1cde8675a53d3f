namespace Baton.Core.Application.Views;

/// <summary>Median and 95th percentile of a measure, null when nothing was measured.</summary>
public sealed record PercentilesView(long? P50, long? P95);
