namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/webhooks: the webhooks, never their secrets.</summary>
public sealed record WebhookListView(IReadOnlyList<WebhookView> Webhooks);
