using Baton.Core.Errors;

namespace Baton.Core.Schedules;

/// <summary>How a schedule behaves when runs overlap, when occurrences were missed, and when it stops by itself.</summary>
public sealed record SchedulePolicies
{
    /// <summary>The most occurrences a misfire policy of <c>all</c> may run at once.</summary>
    public const int MaxCatchUp = 100;

    /// <summary>When the previous run is still going. Default: skip.</summary>
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;

    /// <summary>Occurrences that fell while no daemon ran. Default: skip (recorded as missed).</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.Skip;

    /// <summary>How late an occurrence may still start as if on time; later ones are misfires. Default 60 s.</summary>
    public TimeSpan MisfireGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>With misfire <c>all</c>, the most missed occurrences run on catch-up. Default 10.</summary>
    public int CatchUpCap { get; init; } = 10;

    /// <summary>Each run starts up to this much after its planned time (a fixed spread per occurrence). Default none.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>No occurrence before this instant.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No occurrence after this instant.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>Pause the schedule after this many failed runs in a row; null never pauses.</summary>
    public int? PauseOnFailure { get; init; }

    /// <summary>Throws invalid input for the first policy that makes no sense.</summary>
    public void Validate()
    {
        if (MisfireGrace < TimeSpan.Zero || Jitter < TimeSpan.Zero)
        {
            throw BatonException.Invalid("the misfire grace and the jitter cannot be negative");
        }

        if (CatchUpCap is < 1 or > MaxCatchUp)
        {
            throw BatonException.Invalid($"the catch-up cap must be between 1 and {MaxCatchUp} (got {CatchUpCap})");
        }

        if (StartAt is { } start && EndAt is { } end && end <= start)
        {
            throw BatonException.Invalid($"end_at ({end:O}) must come after start_at ({start:O})");
        }

        if (PauseOnFailure is < 1)
        {
            throw BatonException.Invalid($"pause_on_failure must be 1 or more failed runs in a row (got {PauseOnFailure})");
        }
    }
}
