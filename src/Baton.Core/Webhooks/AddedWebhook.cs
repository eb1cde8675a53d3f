namespace Baton.Core.Webhooks;

/// <summary>A subscription just added; <paramref name="EndpointCreated"/> tells whether its secret is new (and may be shown once).</summary>
public sealed record AddedWebhook(WebhookSubscription Subscription, bool EndpointCreated)
{
    /// <summary>The secret to show once, or null when the URL's endpoint existed already.</summary>
    public string? NewSecret => EndpointCreated ? Subscription.Endpoint.Secret : null;
}
