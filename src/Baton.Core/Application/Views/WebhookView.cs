using Baton.Core.Webhooks;

namespace Baton.Core.Application.Views;

/// <summary>A webhook as <c>baton webhook list --json</c> and GET /api/v1/webhooks show it: never its secret.</summary>
public sealed record WebhookView
{
    public required string WebhookId { get; init; }
    public required string Url { get; init; }
    public required string EndpointId { get; init; }
    /// <summary>The event types it hears; <c>["*"]</c> for all.</summary>
    public required IReadOnlyList<string> Events { get; init; }
    public string? WorkflowId { get; init; }
    public string? TaskId { get; init; }
    public required bool Disabled { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public string? DisabledReason { get; init; }
    /// <summary>Until when the previous secret signs too, while a rotation overlaps.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    /// <summary>The view of a subscription at <paramref name="now"/>.</summary>
    public static WebhookView Of(WebhookSubscription webhook, DateTimeOffset now) => new()
    {
        WebhookId = webhook.Id,
        Url = webhook.Endpoint.Url,
        EndpointId = webhook.Endpoint.Id,
        Events = webhook.Events ?? ["*"],
        WorkflowId = webhook.WorkflowId,
        TaskId = webhook.TaskId,
        Disabled = webhook.Endpoint.DisabledAt is not null,
        DisabledAt = webhook.Endpoint.DisabledAt,
        DisabledReason = webhook.Endpoint.DisabledReason,
        PreviousSecretExpiresAt = webhook.Endpoint.PreviousSecretExpiresAt > now ? webhook.Endpoint.PreviousSecretExpiresAt : null,
        CreatedAt = webhook.CreatedAt,
        CreatedBy = webhook.CreatedBy,
    };
}
