namespace Baton.Core.Schedules;

/// <summary>A stored schedule and where it stands.</summary>
/// <param name="Definition">What it runs and when.</param>
/// <param name="CreatedAt">When it was added; intervals count from here (or from start_at).</param>
/// <param name="CreatedBy">Who added it; its runs belong to them.</param>
/// <param name="State">Paused or not, the next occurrence, a buffered one, the run of failures.</param>
public sealed record ScheduleRecord(ScheduleDefinition Definition, DateTimeOffset CreatedAt, string? CreatedBy, ScheduleState State)
{
    /// <summary>The schedule's name.</summary>
    public string Name => Definition.Name;

    /// <summary>Where intervals count from.</summary>
    public DateTimeOffset Anchor => Definition.Policies.StartAt ?? CreatedAt;

    /// <summary>The occurrence after <paramref name="planned"/> inside the window, or null when the schedule is over.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset planned)
    {
        var next = Definition.Timing.NextAfter(planned, Anchor);
        return next is { } at && Definition.Policies.EndAt is { } end && at > end ? null : next;
    }

    /// <summary>
    /// The first occurrence after <paramref name="from"/> (a schedule added or resumed on a boundary waits for the
    /// next one), or at start_at when that is later; inside the window.
    /// </summary>
    public DateTimeOffset? FirstFrom(DateTimeOffset from) =>
        Definition.Policies.StartAt is { } start && start > from ? NextAfter(start - TimeSpan.FromTicks(1)) : NextAfter(from);
}
