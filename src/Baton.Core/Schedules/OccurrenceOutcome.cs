namespace Baton.Core.Schedules;

/// <summary>What became of one occurrence.</summary>
public enum OccurrenceOutcome
{
    /// <summary>Its task was queued.</summary>
    Fired,

    /// <summary>It did not run, for a policy's reason (the previous run was still going).</summary>
    Skipped,

    /// <summary>It fell while no daemon ran and the misfire policy let it go.</summary>
    Missed,

    /// <summary>It could not queue its task (the agent was removed, say); the reason says why.</summary>
    Failed,
}
