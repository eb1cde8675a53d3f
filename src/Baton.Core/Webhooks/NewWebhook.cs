namespace Baton.Core.Webhooks;

/// <summary>
/// A subscription to add, with the endpoint to create if its URL has none yet (<paramref name="EndpointId"/> and
/// <paramref name="Secret"/> are only used then).
/// </summary>
public sealed record NewWebhook(
    string Id,
    string Url,
    string EndpointId,
    string Secret,
    IReadOnlyList<string>? Events,
    string? WorkflowId,
    string? TaskId,
    DateTimeOffset CreatedAt,
    string? CreatedBy);
