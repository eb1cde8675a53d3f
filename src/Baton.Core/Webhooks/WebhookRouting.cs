using System.Globalization;
using System.Security.Cryptography;
using Baton.Core.Events;

namespace Baton.Core.Webhooks;

/// <summary>
/// Which subscriptions an event goes to, and the id of each delivery: decided here, written by the store into its
/// outbox in the transaction that appends the event.
/// </summary>
public static class WebhookRouting
{
    /// <summary>
    /// True if <paramref name="target"/> hears <paramref name="draft"/>: its endpoint is enabled, the type is one it
    /// asked for, and it is standing (no task, no workflow), or the event's workflow's, or the event's task's.
    /// <c>webhook.test</c> goes only where <c>baton webhook test</c> sends it, never by fan-out.
    /// </summary>
    public static bool Matches(WebhookTarget target, EventDraft draft)
    {
        if (target.EndpointDisabled || draft.Type == EventTypes.WebhookTest)
        {
            return false;
        }

        var scoped = target.TaskId is not null ? target.TaskId == draft.TaskId
            : target.WorkflowId is null || target.WorkflowId == draft.WorkflowId;
        return scoped && (target.Events is null || target.Events.Contains(draft.Type, StringComparer.Ordinal));
    }

    /// <summary>
    /// A delivery's id (its Standard Webhooks <c>webhook-id</c>, the same on every retry): <c>msg_</c>, the event's
    /// time in milliseconds as 12 hex digits, and 48 random bits — unique without an index to check it.
    /// </summary>
    public static string NewDeliveryId(DateTimeOffset at)
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"msg_{at.ToUnixTimeMilliseconds():x12}{Convert.ToHexStringLower(random)}");
    }
}
