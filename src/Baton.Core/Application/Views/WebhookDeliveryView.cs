using Baton.Core.Webhooks;

namespace Baton.Core.Application.Views;

/// <summary>A delivery as <c>baton webhook deliveries --json</c> shows it: its webhook-id, status, attempts and last answer.</summary>
public sealed record WebhookDeliveryView
{
    /// <summary>The webhook-id header: the same on every attempt.</summary>
    public required string DeliveryId { get; init; }
    public required string WebhookId { get; init; }
    public string? Url { get; init; }
    public required long EventId { get; init; }
    public required string EventType { get; init; }
    /// <summary>pending, delivered or failed.</summary>
    public required string Status { get; init; }
    public required int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The view of a delivery.</summary>
    public static WebhookDeliveryView Of(WebhookDelivery delivery) => new()
    {
        DeliveryId = delivery.Id,
        WebhookId = delivery.SubscriptionId,
        Url = delivery.Url,
        EventId = delivery.EventId,
        EventType = delivery.EventType,
        Status = delivery.Status,
        Attempts = delivery.Attempts,
        NextAttemptAt = delivery.Status == DeliveryStatuses.Pending ? delivery.NextAttemptAt : null,
        LastStatusCode = delivery.LastStatusCode,
        LastError = delivery.LastError,
        CreatedAt = delivery.CreatedAt,
        DeliveredAt = delivery.DeliveredAt,
    };
}
