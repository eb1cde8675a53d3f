namespace Baton.Core.Schedules;

/// <summary>A schedule on the wire: its spec, where it stands and its next occurrence.</summary>
public sealed record ScheduleView(
    string Name, ScheduleSpec Spec, bool Paused, string? PauseNote, DateTimeOffset? NextAt, DateTimeOffset? BufferedAt, int FailureStreak,
    DateTimeOffset CreatedAt, string? CreatedBy)
{
    /// <summary>The view of <paramref name="schedule"/>.</summary>
    public static ScheduleView Of(ScheduleRecord schedule) => new(
        schedule.Name, schedule.Definition.Spec, schedule.State.Paused, schedule.State.PauseNote,
        schedule.State.Paused ? null : schedule.State.NextAt, schedule.State.BufferedAt, schedule.State.FailureStreak, schedule.CreatedAt, schedule.CreatedBy);
}
