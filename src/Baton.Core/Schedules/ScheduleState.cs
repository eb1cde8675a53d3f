namespace Baton.Core.Schedules;

/// <summary>Where a schedule stands; written only in the transaction that records an occurrence or a change.</summary>
/// <param name="Paused">A paused schedule fires nothing.</param>
/// <param name="PauseNote">Why it was paused (a person's note, or the run of failures).</param>
/// <param name="NextAt">The next planned occurrence not yet handled; null when the schedule is over.</param>
/// <param name="BufferedAt">With overlap buffer_one, the planned time of the occurrence waiting for the running one.</param>
/// <param name="FailureStreak">Failed runs in a row, for pause_on_failure.</param>
public sealed record ScheduleState(bool Paused, string? PauseNote, DateTimeOffset? NextAt, DateTimeOffset? BufferedAt, int FailureStreak);
