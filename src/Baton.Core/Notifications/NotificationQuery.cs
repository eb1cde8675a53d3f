namespace Baton.Core.Notifications;

/// <summary>Which notifications to read, newest first, and whether reading them marks them delivered.</summary>
/// <param name="Audience">Whose notifications.</param>
/// <param name="WorkflowId">Only this workflow's (a full id), or all.</param>
/// <param name="UnreadOnly">Only those no reader took yet.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="MarkDelivered">Mark what is returned as delivered, in the same transaction (false: a peek).</param>
public sealed record NotificationQuery(NotificationAudience Audience, string? WorkflowId, bool UnreadOnly, int Limit, bool MarkDelivered);
