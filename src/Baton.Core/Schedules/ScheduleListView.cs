namespace Baton.Core.Schedules;

/// <summary>Every schedule, by name.</summary>
public sealed record ScheduleListView(IReadOnlyList<ScheduleView> Schedules);
