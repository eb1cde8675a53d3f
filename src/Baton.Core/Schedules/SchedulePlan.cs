namespace Baton.Core.Schedules;

/// <summary>What the scheduler does for a schedule at one turn, and where the schedule stands afterwards.</summary>
/// <param name="Steps">The occurrences to record, oldest first.</param>
/// <param name="NextAt">The next occurrence after them; null when the schedule is over.</param>
/// <param name="BufferedAt">The occurrence left waiting for the running one (overlap buffer_one), if any.</param>
public sealed record SchedulePlan(IReadOnlyList<PlannedStep> Steps, DateTimeOffset? NextAt, DateTimeOffset? BufferedAt);
