namespace Baton.Core.Schedules;

/// <summary>A schedule's occurrences, newest first.</summary>
public sealed record OccurrenceListView(string Schedule, IReadOnlyList<OccurrenceView> Occurrences);
