namespace Baton.Core.Schedules;

/// <summary>A schedule's coming occurrences, in UTC and in the schedule's time zone.</summary>
public sealed record NextOccurrencesView(string Schedule, string TimeZone, IReadOnlyList<DateTimeOffset> Next);
