using Baton.Core.Events;

namespace Baton.Core.Webhooks;

/// <summary>
/// A due delivery claimed by one dispatcher: what it needs to render, sign and send it. <see cref="Body"/> is null
/// until the first attempt froze it.
/// </summary>
public sealed record ClaimedDelivery(long Seq, string Id, int Attempts, string? Body, EventRecord Event, WebhookEndpoint Endpoint, string SubscriptionId);
