using System.Text.RegularExpressions;
using Baton.Core.Errors;
using Baton.Core.Webhooks;

namespace Baton.Core.Schedules;

/// <summary>A checked schedule: its timing and policies read from <see cref="Spec"/>, which is what is stored and shown.</summary>
/// <param name="Spec">As given, with the time zone filled in.</param>
/// <param name="Timing">When occurrences fall.</param>
/// <param name="Policies">Overlap, misfire, jitter, window and pausing.</param>
public sealed partial record ScheduleDefinition(ScheduleSpec Spec, ScheduleTiming Timing, SchedulePolicies Policies)
{
    /// <summary>The schedule's name.</summary>
    public string Name => Spec.Name;

    /// <summary>Checks <paramref name="spec"/>; throws invalid input for its first problem.</summary>
    public static ScheduleDefinition From(ScheduleSpec spec)
    {
        if (!NamePattern().IsMatch(spec.Name))
        {
            throw BatonException.Invalid($"'{spec.Name}' is not a schedule name; use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        var timing = ScheduleTiming.Parse(spec.Cron, spec.Every, spec.TimeZone);
        var policies = new SchedulePolicies
        {
            Overlap = spec.Overlap is null ? OverlapPolicy.Skip : SchedulePolicyNames.ParseOverlap(spec.Overlap),
            Misfire = spec.Misfire is null ? MisfirePolicy.Skip : SchedulePolicyNames.ParseMisfire(spec.Misfire),
            MisfireGrace = spec.MisfireGrace is null ? TimeSpan.FromSeconds(60) : Duration(spec.MisfireGrace, "misfire_grace"),
            CatchUpCap = spec.CatchUpCap ?? 10,
            Jitter = spec.Jitter is null ? TimeSpan.Zero : Duration(spec.Jitter, "jitter"),
            StartAt = spec.StartAt,
            EndAt = spec.EndAt,
            PauseOnFailure = spec.PauseOnFailure,
        };
        policies.Validate();
        var hasTask = spec.Task is { } task && (task.AgentName is not null || task.Command is { Count: > 0 });
        if (spec.Workflow is { } workflow)
        {
            if (hasTask)
            {
                throw BatonException.Invalid("a schedule runs either a task or a workflow, not both; drop the task (the command after --, or --agent and --prompt) or --workflow");
            }

            if (string.IsNullOrWhiteSpace(workflow.Source))
            {
                throw BatonException.Invalid("the schedule's workflow has no source; give the workflow file's YAML text (--workflow FILE)");
            }
        }
        else if (!hasTask)
        {
            throw BatonException.Invalid("a schedule needs a task: an agent and a prompt (--agent NAME --prompt TEXT) or a command (-- PROGRAM ARGS); or a workflow (--workflow FILE)");
        }

        return new ScheduleDefinition(spec with { TimeZone = timing.TimeZone }, timing, policies);
    }

    private static TimeSpan Duration(string text, string field) =>
        DurationText.TryParse(text) ?? throw BatonException.Invalid($"{field} '{text}' is not a duration; write a whole number and a unit, like 30s, 5m or 2h");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
