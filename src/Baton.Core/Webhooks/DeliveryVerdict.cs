namespace Baton.Core.Webhooks;

/// <summary>What becomes of a delivery after an attempt.</summary>
public enum DeliveryVerdict
{
    /// <summary>A 2xx: done.</summary>
    Delivered,

    /// <summary>Failed; the schedule has another attempt.</summary>
    Retry,

    /// <summary>Failed, and the schedule is used up.</summary>
    GiveUp,

    /// <summary>410 Gone: the receiver asked never to be called again; the endpoint is disabled.</summary>
    DisableEndpoint,
}
