namespace Baton.Core.Schedules;

/// <summary>What happens to occurrences that fell more than the grace window ago while no daemon ran.</summary>
public enum MisfirePolicy
{
    /// <summary>Each is recorded as missed; nothing runs for them.</summary>
    Skip,

    /// <summary>The latest one runs now; the others are recorded as missed.</summary>
    Once,

    /// <summary>Each runs now, up to the catch-up cap (the latest ones); the rest are recorded as missed.</summary>
    All,
}
