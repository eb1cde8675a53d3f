using Baton.Core.Application.Views;
using Baton.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Webhooks under /api/v1/webhooks, as <c>baton webhook list</c>, <c>deliveries</c> and <c>redeliver</c> show and do them.</summary>
internal static class WebhooksApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/api/v1/webhooks").WithTags("Webhooks").WithApiProblems();
        webhooks.MapGet("", ListAsync)
            .WithName("ListWebhooks").WithSummary("The webhooks: URL, events, workflow or task filter, disabled state (never a secret)")
            .WithDescription("all=true includes the webhooks of single tasks (their webhook_url), as 'baton webhook list --all'.");
        webhooks.MapGet("/{webhook_id}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries").WithSummary("A webhook's delivery history, newest first")
            .WithDescription("failed=true: only deliveries that failed (given up, or failed and waiting to be tried again). limit: at most this many (default 50, at most 1000). 404 for an unknown webhook.");
        webhooks.MapPost("/deliveries/{delivery_id}/redeliver", RedeliverAsync)
            .WithName("RedeliverWebhookDelivery").WithSummary("Send a delivery again, with the same webhook-id and body")
            .WithDescription("The delivery is queued to be sent as soon as the daemon can (202, status pending). 404 for an unknown delivery; 409 if its webhook was removed.");
        return routes;
    }

    private static async Task<Ok<WebhookListView>> ListAsync([FromQuery] string? all, WebhookService webhooks, TimeProvider time, CancellationToken cancellationToken)
    {
        var includeTasks = ApiQuery.Flag(all, "all");
        var now = time.GetUtcNow();
        var found = await webhooks.ListAsync(includeTasks, cancellationToken);
        return TypedResults.Ok(new WebhookListView([.. found.Select(w => WebhookView.Of(w, now))]));
    }

    private static async Task<Ok<WebhookDeliveryListView>> DeliveriesAsync(
        [FromRoute(Name = "webhook_id")] string webhookId, [FromQuery] string? failed, [FromQuery] string? limit,
        WebhookService webhooks, CancellationToken cancellationToken)
    {
        var failedOnly = ApiQuery.Flag(failed, "failed");
        var count = ApiQuery.Integer(limit, "limit", 1, MaxLimit) ?? DefaultLimit;
        var webhook = await webhooks.GetAsync(webhookId, cancellationToken);
        var found = await webhooks.DeliveriesAsync(new DeliveryQuery(failedOnly, webhook.Id, count), cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryListView([.. found.Select(WebhookDeliveryView.Of)]));
    }

    private static async Task<Accepted<WebhookDeliveryView>> RedeliverAsync(
        [FromRoute(Name = "delivery_id")] string deliveryId, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var delivery = await webhooks.RedeliverAsync(deliveryId, cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{delivery.SubscriptionId}/deliveries", WebhookDeliveryView.Of(delivery));
    }
}
