namespace Baton.Core.Schedules;

/// <summary>Occurrence outcomes on the wire and in the store.</summary>
public static class OccurrenceOutcomes
{
    /// <summary>fired, skipped, missed or failed.</summary>
    public static string ToWire(this OccurrenceOutcome outcome) => outcome switch
    {
        OccurrenceOutcome.Fired => "fired",
        OccurrenceOutcome.Skipped => "skipped",
        OccurrenceOutcome.Missed => "missed",
        _ => "failed",
    };

    /// <summary>The outcome for a stored name.</summary>
    public static OccurrenceOutcome Parse(string text) => text switch
    {
        "fired" => OccurrenceOutcome.Fired,
        "skipped" => OccurrenceOutcome.Skipped,
        "missed" => OccurrenceOutcome.Missed,
        "failed" => OccurrenceOutcome.Failed,
        _ => throw new InvalidDataException($"unknown occurrence outcome '{text}'"),
    };
}
