using System.Security.Cryptography;

namespace Baton.Core.Webhooks;

/// <summary>Ids of subscriptions (<c>wh_</c>, what users call a webhook's id) and endpoints (<c>ep_</c>).</summary>
public static class WebhookIds
{
    /// <summary>A new webhook (subscription) id.</summary>
    public static string NewSubscription() => "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A new endpoint id.</summary>
    public static string NewEndpoint() => "ep_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
