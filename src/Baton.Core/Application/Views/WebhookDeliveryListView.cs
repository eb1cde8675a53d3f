namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/webhooks/{id}/deliveries: a webhook's delivery history, newest first.</summary>
public sealed record WebhookDeliveryListView(IReadOnlyList<WebhookDeliveryView> Deliveries);
