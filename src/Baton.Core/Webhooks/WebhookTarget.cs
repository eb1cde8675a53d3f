namespace Baton.Core.Webhooks;

/// <summary>A subscription as the outbox sees it when an event is appended.</summary>
/// <param name="SubscriptionId">The subscription (the webhook id users see).</param>
/// <param name="EndpointId">Its endpoint.</param>
/// <param name="Events">The event types it hears; null for all.</param>
/// <param name="WorkflowId">Set for a workflow's subscription (or a standing one's workflow filter).</param>
/// <param name="TaskId">Set for a task's own subscription.</param>
/// <param name="EndpointDisabled">True once the endpoint was disabled (a 410 Gone).</param>
public sealed record WebhookTarget(
    string SubscriptionId,
    string EndpointId,
    IReadOnlyList<string>? Events,
    string? WorkflowId,
    string? TaskId,
    bool EndpointDisabled);
