namespace Baton.Core.Interactions;

/// <summary>Filters for listing interactions, oldest first (the inbox order).</summary>
/// <param name="Status">Only this status; null for all.</param>
/// <param name="TaskId">Only this task's.</param>
/// <param name="WorkflowId">Only this workflow's (its tasks' and its phase gates').</param>
/// <param name="Limit">At most this many.</param>
public sealed record InteractionQuery(InteractionStatus? Status = InteractionStatus.Open, string? TaskId = null, string? WorkflowId = null, int Limit = 100);
