namespace Baton.Core.Storage;

/// <summary>The cluster's state as <see cref="IGaugeStore.ReadGaugesAsync"/> reads it.</summary>
/// <param name="Tasks">Tasks that have not ended, grouped.</param>
/// <param name="OpenInteractions">Open interactions by kind.</param>
/// <param name="PendingDeliveries">Webhook deliveries not yet delivered nor given up.</param>
public sealed record StoreGauges(IReadOnlyList<LiveTaskCount> Tasks, IReadOnlyList<OpenInteractionCount> OpenInteractions, long PendingDeliveries);
