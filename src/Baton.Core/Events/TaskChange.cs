using Baton.Core.Tasks;

namespace Baton.Core.Events;

/// <summary>A task's status change as the store recorded it: the facts <see cref="EventRules.ForTask"/> needs.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="WorkflowId">Its workflow, if any.</param>
/// <param name="PhaseId">Its phase, if any.</param>
/// <param name="OldStatus">Its status before.</param>
/// <param name="Status">Its status now.</param>
/// <param name="AttemptCount">How many attempts it has had (0 before its first claim).</param>
/// <param name="Error">Its error now (a failure's, a cancel's reason).</param>
/// <param name="Notice">Its notice now (a completion that is not a clean success).</param>
/// <param name="Owner">Its creator.</param>
/// <param name="At">When it changed.</param>
public sealed record TaskChange(
    string TaskId,
    string? WorkflowId,
    string? PhaseId,
    TaskState OldStatus,
    TaskState Status,
    int AttemptCount,
    string? Error,
    string? Notice,
    string? Owner,
    DateTimeOffset At);
