using Baton.Core.Webhooks;

namespace Baton.Core.Storage;

/// <summary>
/// Webhook endpoints, subscriptions and the delivery outbox. The outbox is filled by the store itself, in the
/// transaction that logs each event; this interface manages subscriptions and lets one dispatcher work the outbox.
/// Every method is one transaction.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Adds a subscription, creating the URL's endpoint if it has none (one endpoint per URL).</summary>
    Task<AddedWebhook> AddAsync(NewWebhook webhook, CancellationToken cancellationToken = default);

    /// <summary>Subscriptions, oldest first; those of single tasks only when <paramref name="includeTasks"/>.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(bool includeTasks, CancellationToken cancellationToken = default);

    /// <summary>The subscription with this id, or null.</summary>
    Task<WebhookSubscription?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a subscription and its pending deliveries (nothing more reaches the receiver); its delivery history
    /// stays. The endpoint goes with its last subscription. False if there was no such subscription.
    /// </summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Gives the endpoint a new secret; the old one keeps signing until <paramref name="previousExpiresAt"/>.</summary>
    Task<WebhookEndpoint?> RotateAsync(string endpointId, string newSecret, DateTimeOffset previousExpiresAt, CancellationToken cancellationToken = default);

    /// <summary>Logs a <c>webhook.test</c> event and queues it for this one subscription; returns the delivery's id.</summary>
    Task<string?> QueueTestAsync(string subscriptionId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>When the earliest pending delivery is due (claimed ones count at their lease's end), or null.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="worker"/>: they stay pending, but are
    /// not due again until <paramref name="leaseUntil"/> (so a crash mid-attempt only delays them).
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string worker, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records an attempt and its outcome (disabling the endpoint on 410, failing its pending deliveries).</summary>
    Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes due at <paramref name="now"/> the claimed, unfinished deliveries whose claimer (the mark given to
    /// <see cref="ClaimDueAsync"/>) is certainly gone, as <paramref name="claimerGone"/> says. Called when a
    /// dispatcher starts: a dispatcher on a machine that crashed left claims no one works on, while other nodes'
    /// in-flight deliveries must be left to them (their claims end with their leases if they die too).
    /// </summary>
    Task<int> ResetClaimsAsync(DateTimeOffset now, Func<string, bool> claimerGone, CancellationToken cancellationToken = default);

    /// <summary>Delivery history, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The delivery with this id (its webhook-id), or null.</summary>
    Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Queues a new attempt of a delivery, with the same webhook-id and body; false if there is none.</summary>
    Task<bool> RedeliverAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);
}
