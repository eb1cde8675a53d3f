using System.Globalization;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary>How the schedule commands print schedules and occurrences for a person.</summary>
internal static class SchedulePrinter
{
    /// <summary>An instant in the schedule's own time zone, with its UTC offset; "none" when there is none.</summary>
    public static string Time(DateTimeOffset? at, ScheduleRecord schedule)
    {
        if (at is not { } instant)
        {
            return schedule.State.Paused ? "none (paused)" : "none (the schedule is over)";
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.Definition.Timing.TimeZone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }

    /// <summary>The schedule's timing in a few words.</summary>
    public static string When(ScheduleRecord schedule) =>
        schedule.Definition.Spec.Cron is { } cron ? $"cron '{cron}' in {schedule.Definition.Timing.TimeZone}" : $"every {schedule.Definition.Spec.Every}";

    /// <summary>What each occurrence runs: the workflow file (with its variables), the agent and its prompt, or the command.</summary>
    public static string Runs(ScheduleSpec spec) => spec switch
    {
        { Workflow: { } workflow } => $"workflow {workflow.SourceName ?? "(from its text)"}"
            + (workflow.Vars is { Count: > 0 } vars ? " with " + string.Join(", ", vars.Select(v => $"{v.Key}={v.Value}")) : ""),
        { Task.AgentName: { } agent } => $"agent {agent}: {spec.Task.AgentInstructions}",
        _ => string.Join(' ', spec.Task?.Command ?? []),
    };

    /// <summary>What an occurrence started and how it went: a task or workflow id and its status now.</summary>
    public static string Run(OccurrenceRecord occurrence) => occurrence switch
    {
        { WorkflowId: { } workflowId } => $"workflow {workflowId} ({occurrence.WorkflowStatus ?? "gone"})",
        { TaskId: { } taskId } => $"task {taskId} ({occurrence.TaskStatus ?? "gone"})",
        _ => "",
    };

    /// <summary>The details of one schedule, a line each.</summary>
    public static void Show(ScheduleRecord schedule)
    {
        var spec = schedule.Definition.Spec;
        var policies = schedule.Definition.Policies;
        var task = Runs(spec);
        Console.Out.WriteLine($"Schedule:  {schedule.Name}");
        Console.Out.WriteLine($"When:      {When(schedule)}");
        Console.Out.WriteLine($"Runs:      {task}");
        Console.Out.WriteLine($"Status:    {(schedule.State.Paused ? "paused" + (schedule.State.PauseNote is { } note ? $" ({note})" : "") : "active")}");
        Console.Out.WriteLine($"Next:      {Time(schedule.State.Paused ? null : schedule.State.NextAt, schedule)}");
        Console.Out.WriteLine($"Policies:  overlap {policies.Overlap.ToWire()}, misfire {policies.Misfire.ToWire()} (grace {spec.MisfireGrace ?? "60s"}), jitter {spec.Jitter ?? "none"}"
            + (policies.PauseOnFailure is { } n ? $", pause after {n} failed runs in a row" : ""));
        if (policies.StartAt is not null || policies.EndAt is not null)
        {
            Console.Out.WriteLine($"Window:    {policies.StartAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"} to {policies.EndAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}");
        }

        Console.Out.WriteLine($"Created:   {schedule.CreatedAt.ToString("O", CultureInfo.InvariantCulture)} by {schedule.CreatedBy ?? "?"}");
    }
}
