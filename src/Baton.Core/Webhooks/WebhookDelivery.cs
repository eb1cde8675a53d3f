namespace Baton.Core.Webhooks;

/// <summary>
/// One event on its way to one subscription. <see cref="Id"/> is the webhook-id header: fixed when the event is
/// logged, the same on every retry and redelivery.
/// </summary>
public sealed record WebhookDelivery(
    long Seq,
    string Id,
    long EventId,
    string EventType,
    string SubscriptionId,
    string EndpointId,
    string? Url,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);
