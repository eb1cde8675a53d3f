using System.Diagnostics;
using Baton.Core.Webhooks;

namespace Baton.Webhooks;

/// <summary>The webhook dispatcher's traces: one activity per delivery attempt, tagged with its outcome; metrics count them.</summary>
internal static class WebhookTelemetry
{
    public const string SourceName = "Baton.Webhooks";

    public const string DeliveryActivity = "webhook.delivery";

    /// <summary>The tag holding the outcome: delivered, retry, give_up, disable_endpoint, or error (not recorded; tried again).</summary>
    public const string OutcomeTag = "baton.webhook.outcome";

    public static readonly ActivitySource Source = new(SourceName);

    public static string ToWire(DeliveryVerdict verdict) => verdict switch
    {
        DeliveryVerdict.Delivered => "delivered",
        DeliveryVerdict.Retry => "retry",
        DeliveryVerdict.GiveUp => "give_up",
        _ => "disable_endpoint",
    };
}
