namespace Baton.Core.Cluster;

/// <summary>The once-per-cluster duties, by the name of their lease.</summary>
public static class ClusterDutyNames
{
    /// <summary>Deleting events past their retention.</summary>
    public const string EventRetention = "event-retention";

    /// <summary>Rescuing attempts whose worker died.</summary>
    public const string Rescue = "rescue";

    /// <summary>Running baton.json's hooks on events.</summary>
    public const string Hooks = "hooks";

    /// <summary>Reminding people of interactions that still wait for an answer.</summary>
    public const string Reminders = "reminders";

    /// <summary>Firing schedules' occurrences.</summary>
    public const string Scheduler = "scheduler";
    /// <summary>Checking the failure-rate alerts of baton.json.</summary>
    public const string Alerts = "alerts";

    /// <summary>Emitting each ended workflow's span to the OTLP trace exporter.</summary>
    public const string Traces = "traces";
}
