namespace Baton.Core.Webhooks;

/// <summary>Filters for delivery history: failed ones only (given up, or failed at least once), one webhook's, newest first.</summary>
public sealed record DeliveryQuery(bool FailedOnly = false, string? SubscriptionId = null, int Limit = 50);
