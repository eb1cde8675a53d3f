namespace Baton.Webhooks;

/// <summary>A receiver's host resolved to an address webhooks may not reach; the delivery is not tried again.</summary>
internal sealed class WebhookRefusedException(string message) : Exception(message);
