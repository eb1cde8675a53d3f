namespace Baton.Core.Interactions;

/// <summary>A message a person sent into a running agent's session (<c>baton task intervene</c>).</summary>
/// <param name="Id">The message's id (<c>msg_</c> and 12 characters).</param>
/// <param name="TaskId">The task whose running session it goes to.</param>
/// <param name="Text">What the agent is told.</param>
/// <param name="SentBy">Who sent it.</param>
/// <param name="SentAt">When.</param>
/// <param name="DeliveredAt">When it reached the agent's process; null while it waits.</param>
public sealed record SteeringMessage(string Id, string TaskId, string Text, string SentBy, DateTimeOffset SentAt, DateTimeOffset? DeliveredAt = null);
