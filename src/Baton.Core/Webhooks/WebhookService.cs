using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Webhooks;

/// <summary>
/// The application layer for webhooks: every front end (CLI, REST, and the task and workflow create paths) calls this,
/// so URLs, event lists and messages are checked the same way everywhere. A webhook's id is its subscription's.
/// </summary>
public sealed class WebhookService(IWebhookStore store, WebhookOptions options, TimeProvider time)
{
    /// <summary>What a workflow's own webhook_url hears: the workflow's and its phases' changes, its tasks' ends, milestones.</summary>
    public static IReadOnlyList<string> WorkflowWebhookDefaults { get; } =
    [
        .. EventTypes.All.Where(t => t.StartsWith("workflow.", StringComparison.Ordinal) || t.StartsWith("phase.", StringComparison.Ordinal) || EventTypes.IsTaskEnd(t)),
        EventTypes.Milestone,
    ];

    /// <summary>The settings deliveries follow.</summary>
    public WebhookOptions Options => options;

    /// <summary>Checks a receiver URL at request time; throws invalid input naming <paramref name="field"/>.</summary>
    public string CheckUrl(string? url, string field) => SsrfRules.CheckUrl(url, options.AllowPrivate, field).AbsoluteUri;

    /// <summary>Adds a standing webhook: every event of the listed types (all when null), or only one workflow's.</summary>
    public async Task<AddedWebhook> AddAsync(string url, string? events, string? workflowId, string? createdBy, CancellationToken cancellationToken = default)
    {
        var checkedUrl = CheckUrl(url, "url");
        var types = Expand(EventFilter.ParseTypes(events, "events"));
        return await store.AddAsync(New(checkedUrl, types, workflowId, null, createdBy), cancellationToken);
    }

    /// <summary>A workflow's webhook_url: a subscription to the workflow's events (<see cref="WorkflowWebhookDefaults"/>).</summary>
    public async Task<AddedWebhook> SubscribeWorkflowAsync(string url, string workflowId, string? createdBy, CancellationToken cancellationToken = default) =>
        await store.AddAsync(New(CheckUrl(url, "webhook_url"), WorkflowWebhookDefaults, workflowId, null, createdBy), cancellationToken);

    /// <summary>
    /// Queues a task whose webhook_url hears <see cref="EventTypes.TaskWebhookDefaults"/>. The subscription is made
    /// first, under the id the task will get, so no event of the task can come before it; it is taken back if the
    /// task is not created. Returns the endpoint's secret when the URL is new.
    /// </summary>
    public async Task<(EnqueueResult Result, string? Secret)> EnqueueAsync(
        TaskService tasks, TaskDefinition definition, string? searchPath, string webhookUrl, CancellationToken cancellationToken = default)
    {
        var url = CheckUrl(webhookUrl, "webhook_url");
        tasks.Validate(definition, searchPath);
        var id = TaskIds.New();
        var added = await store.AddAsync(New(url, EventTypes.TaskWebhookDefaults, null, id, definition.CreatedBy), cancellationToken);
        EnqueueResult result;
        try
        {
            result = await tasks.EnqueueAsync(id, definition, searchPath, cancellationToken);
        }
        catch (Exception)
        {
            await store.RemoveAsync(added.Subscription.Id, CancellationToken.None);
            throw;
        }

        if (!result.Created)
        {
            // An idempotent repeat: the first task keeps whatever webhook it had.
            await store.RemoveAsync(added.Subscription.Id, CancellationToken.None);
            return (result, null);
        }

        return (result, added.NewSecret);
    }

    /// <summary>Standing and workflow webhooks, oldest first; single tasks' too with <paramref name="includeTasks"/>.</summary>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(bool includeTasks = false, CancellationToken cancellationToken = default) =>
        store.ListAsync(includeTasks, cancellationToken);

    /// <summary>The webhook with this id.</summary>
    public async Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await store.FindAsync(id.Trim(), cancellationToken) ?? throw NotFound(id);

    /// <summary>Removes a webhook; its pending deliveries are dropped, so the receiver hears nothing more from it.</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!await store.RemoveAsync(id.Trim(), cancellationToken))
        {
            throw NotFound(id);
        }
    }

    /// <summary>Queues a <c>webhook.test</c> delivery to this webhook only; returns the delivery's id.</summary>
    public async Task<string> TestAsync(string id, CancellationToken cancellationToken = default) =>
        await store.QueueTestAsync(id.Trim(), time.GetUtcNow(), cancellationToken) ?? throw NotFound(id);

    /// <summary>
    /// Gives the webhook's endpoint a new secret, returned once; the old one keeps signing (a second signature) for
    /// <see cref="WebhookOptions.RotationOverlap"/>, so receivers can switch without losing a delivery.
    /// </summary>
    public async Task<(WebhookSubscription Webhook, string Secret)> RotateAsync(string id, CancellationToken cancellationToken = default)
    {
        var webhook = await GetAsync(id, cancellationToken);
        var secret = WebhookSecret.Generate();
        var endpoint = await store.RotateAsync(webhook.Endpoint.Id, secret, time.GetUtcNow() + options.RotationOverlap, cancellationToken)
            ?? throw NotFound(id);
        return (webhook with { Endpoint = endpoint }, secret);
    }

    /// <summary>Delivery history, newest first.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > 10_000)
        {
            throw BatonException.Invalid($"limit must be between 1 and 10000 (got {query.Limit})");
        }

        return store.ListDeliveriesAsync(query with { SubscriptionId = query.SubscriptionId?.Trim() }, cancellationToken);
    }

    /// <summary>The delivery with this id (its webhook-id header).</summary>
    public async Task<WebhookDelivery> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        await store.GetDeliveryAsync(deliveryId.Trim(), cancellationToken)
            ?? throw BatonException.NotFound($"no webhook delivery with id '{deliveryId}'; 'baton webhook deliveries' shows them");

    /// <summary>Sends a delivery again, with the same webhook-id and body, as soon as the daemon can.</summary>
    public async Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await GetDeliveryAsync(deliveryId, cancellationToken);
        if (!await store.RedeliverAsync(delivery.Id, time.GetUtcNow(), cancellationToken))
        {
            throw BatonException.Conflict($"delivery {delivery.Id} belongs to webhook {delivery.SubscriptionId}, which was removed; add the webhook again instead");
        }

        return await GetDeliveryAsync(delivery.Id, cancellationToken);
    }

    /// <summary>Families (<c>task.*</c>) become the types they stand for: the store matches exact types.</summary>
    private static IReadOnlyList<string>? Expand(IReadOnlyList<string>? types) =>
        types is null
            ? null
            : [.. types.SelectMany(t => t.EndsWith(".*", StringComparison.Ordinal)
                ? EventTypes.All.Where(known => known.StartsWith(t[..^1], StringComparison.Ordinal))
                : [t]).Distinct(StringComparer.Ordinal)];

    private NewWebhook New(string url, IReadOnlyList<string>? events, string? workflowId, string? taskId, string? createdBy) =>
        new(WebhookIds.NewSubscription(), url, WebhookIds.NewEndpoint(), WebhookSecret.Generate(), events, workflowId, taskId,
            DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()), createdBy);

    private static BatonException NotFound(string id) =>
        BatonException.NotFound($"no webhook with id '{id}'; 'baton webhook list' shows them");
}
