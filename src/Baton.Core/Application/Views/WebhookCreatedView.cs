namespace Baton.Core.Application.Views;

/// <summary>
/// The answer to adding a webhook or rotating its secret: the one time <see cref="Secret"/> is shown. Null when the
/// URL's endpoint existed already (its secret was shown when it was made).
/// </summary>
public sealed record WebhookCreatedView(WebhookView Webhook, string? Secret, string Message);
