namespace Baton.Core.Webhooks;

/// <summary>The statuses of a delivery, as stored and shown.</summary>
public static class DeliveryStatuses
{
    /// <summary>Waiting for its next attempt (or being attempted).</summary>
    public const string Pending = "pending";

    /// <summary>A receiver answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Given up: schedule used up, or the endpoint disabled or removed.</summary>
    public const string Failed = "failed";
}
