namespace Baton.Core.Webhooks;

/// <summary>
/// What an endpoint hears: the event types (null for all), and optionally one workflow's or one task's events only.
/// Its id is the webhook id the CLI and REST show.
/// </summary>
public sealed record WebhookSubscription(
    string Id,
    WebhookEndpoint Endpoint,
    IReadOnlyList<string>? Events,
    string? WorkflowId,
    string? TaskId,
    DateTimeOffset CreatedAt,
    string? CreatedBy);
