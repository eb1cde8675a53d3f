using Baton.Core.Application;

namespace Baton.Core.Schedules;

/// <summary>
/// A schedule as a caller writes it, in the public field names (REST's body, MCP's arguments, the CLI's options, and
/// what the store keeps): <see cref="ScheduleDefinition.From"/> checks it. Durations are text such as <c>30s</c>.
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>The schedule's name: lowercase letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; init; } = "";

    /// <summary>A cron expression (5 fields, 6 with seconds, or @daily-style); or null with <see cref="Every"/>.</summary>
    public string? Cron { get; init; }

    /// <summary>An interval such as <c>5m</c>; or null with <see cref="Cron"/>.</summary>
    public string? Every { get; init; }

    /// <summary>The IANA time zone of the cron fields; null for the machine's at creation.</summary>
    public string? TimeZone { get; init; }

    /// <summary>skip, buffer_one, allow_all or cancel_other.</summary>
    public string? Overlap { get; init; }

    /// <summary>skip, once or all.</summary>
    public string? Misfire { get; init; }

    /// <summary>How late an occurrence still counts as on time, such as <c>60s</c>.</summary>
    public string? MisfireGrace { get; init; }

    /// <summary>With misfire <c>all</c>, the most missed occurrences run on catch-up.</summary>
    public int? CatchUpCap { get; init; }

    /// <summary>Spread each start by up to this much, such as <c>30s</c>.</summary>
    public string? Jitter { get; init; }

    /// <summary>No occurrence before.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No occurrence after.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>Pause after this many failed runs in a row.</summary>
    public int? PauseOnFailure { get; init; }

    /// <summary>The task each occurrence queues, checked again at every firing (its agent may have gone); or null with <see cref="Workflow"/>.</summary>
    public TaskRequest? Task { get; init; }

    /// <summary>The workflow each occurrence creates and starts, checked again at every firing; or null with <see cref="Task"/>.</summary>
    public ScheduleWorkflow? Workflow { get; init; }
}
