namespace Baton.Core.Schedules;

/// <summary>One thing the scheduler does for a due occurrence.</summary>
/// <param name="PlannedAt">The occurrence.</param>
/// <param name="Outcome">Fire it, or record it as skipped or missed.</param>
/// <param name="Reason">Why (for a skip or miss; for a fire, that it catches up or was buffered).</param>
/// <param name="CancelRunning">Cancel the schedule's running task first (overlap cancel_other).</param>
public sealed record PlannedStep(DateTimeOffset PlannedAt, OccurrenceOutcome Outcome, string? Reason = null, bool CancelRunning = false);
