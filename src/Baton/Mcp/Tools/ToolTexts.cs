using System.Globalization;
using System.Text;
using Baton.Core.Application.Views;
using Baton.Core.Text;

namespace Baton.Mcp.Tools;

/// <summary>
/// The text half of the tools' answers: what an agent needs to read, short. (The structured content carries every
/// field.) Times are UTC in ISO 8601, so an agent never has to guess a time zone.
/// </summary>
internal static class ToolTexts
{
    /// <summary>A task's status, progress, timing, usage, and its result or error.</summary>
    public static string Task(TaskView task)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {task.TaskId} \"{task.Name}\": {task.Status}");
        if (task.Blocked)
        {
            text.Append(" (waiting for the tasks it depends on)");
        }
        else if (task.CancelRequested && task.Status == "running")
        {
            text.Append(" (cancel requested; stopping)");
        }

        if (Refused(task) is { } refused)
        {
            text.Append(CultureInfo.InvariantCulture, $" · {refused}");
        }

        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"agent {task.AgentName ?? "-"} via {task.Runner}");
        text.Append(task.Model is { } model ? $", model {model}" : string.Empty);
        text.AppendLine(CultureInfo.InvariantCulture, $"; priority {task.Priority}; {Count(task.AttemptCount, "attempt")}");
        if (task.Progress is { } progress)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"now: {progress.CurrentStep ?? "working"}{(progress.Turns is { } turns ? $" ({Count(turns, "turn")} so far)" : string.Empty)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"created {Time(task.CreatedAt)}");
        text.Append(task.StartedAt is { } started ? $", started {Time(started)}" : string.Empty);
        text.Append(task.CompletedAt is { } ended ? $", ended {Time(ended)}" : string.Empty);
        text.Append(task is { StartedAt: { } from, CompletedAt: { } to } ? $" ({Durations.Short(to - from)})" : string.Empty);
        text.Append(task.NextAttemptAt is { } next && task.Status == "retrying" ? $"; next attempt {Time(next)}" : string.Empty);
        text.AppendLine();
        if (task.Tokens is { } tokens)
        {
            text.Append(CultureInfo.InvariantCulture, $"tokens {tokens.Input:N0} in, {tokens.Output:N0} out");
            text.AppendLine(task.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"; cost ${cost:0.0000}{(task.CostEstimated == true ? " (estimated)" : string.Empty)}") : string.Empty);
        }

        if (task.Result is { Length: > 0 } result)
        {
            text.AppendLine("result:").AppendLine(result.TrimEnd());
        }

        if (task.Error is { Length: > 0 } error)
        {
            text.AppendLine("error:").AppendLine(error.TrimEnd());
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>One line per task, for lists.</summary>
    public static string TaskLine(TaskView task) =>
        $"{task.TaskId}  {task.Status,-14} {task.Name}{(task.AgentName is { } agent ? $" ({agent})" : string.Empty)}  created {Time(task.CreatedAt)}"
        + (Refused(task) is not null ? $"  ({task.PermissionDenials.Count} tool call{(task.PermissionDenials.Count == 1 ? string.Empty : "s")} refused)" : string.Empty);

    /// <summary>One line per interaction, for lists: id, kind, whose, how long it waited, what it asks, the decisions it takes.</summary>
    public static string InteractionLine(InteractionView interaction) =>
        $"{interaction.InteractionId}  {interaction.Kind}  "
        + (interaction.TaskId is { } task ? $"task {task}" : $"workflow {interaction.WorkflowId} phase {interaction.PhaseId}")
        + $"  {interaction.Status}{(interaction.Status == "open" ? $" {Core.Text.Durations.Short(TimeSpan.FromSeconds(interaction.WaitedSeconds))}" : string.Empty)}  {interaction.Summary}"
        + (interaction.Questions.Count > 0
            ? "  questions: " + string.Join(" | ", interaction.Questions.Select(q => $"{q.Number}. {q.Text}" + (q.Options.Count > 0 ? $" [{string.Join(", ", q.Options.Select(o => $"{o.Number}={o.Label}"))}]" : string.Empty)))
            : string.Empty)
        + (interaction.Status == "open" ? $"  decisions: {string.Join("|", interaction.Decisions)}" : string.Empty);

    /// <summary>For an ended task whose agent had tool calls refused, the line that says so.</summary>
    private static string? Refused(TaskView task) =>
        task.Status is "completed" or "failed" or "cancelled" or "timed_out"
            ? task.Notice ?? Core.Runners.Agents.PermissionDenials.Describe(task.PermissionDenials)
            : null;

    /// <summary>A workflow's status and progress, then each phase with its tasks and their ids.</summary>
    public static string Workflow(WorkflowView workflow)
    {
        var progress = workflow.Progress;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Workflow {workflow.WorkflowId} \"{workflow.Name}\": {workflow.Status}; ");
        text.Append(CultureInfo.InvariantCulture, $"{progress.Finished}/{progress.Total} tasks finished ({progress.Percent}%), {progress.Completed} completed, {progress.Running} running");
        text.Append(progress.Failed > 0 ? $", {progress.Failed} failed" : string.Empty);
        text.Append(progress.Cancelled > 0 ? $", {progress.Cancelled} cancelled" : string.Empty);
        text.Append(progress.EstimatedTimeRemaining is { } left && workflow.CompletedAt is null ? $"; about {Durations.Short(TimeSpan.FromSeconds(left))} left" : string.Empty);
        text.AppendLine(workflow.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"; cost ${cost:0.0000}{(workflow.CostEstimated == true ? " (estimated)" : string.Empty)}") : string.Empty);
        if (workflow.Error is { Length: > 0 } error)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"error: {error}");
        }

        foreach (var phase in workflow.Phases)
        {
            var after = phase.DependsOn.Count > 0 ? $" after {string.Join(", ", phase.DependsOn)}" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"phase {phase.PhaseId} \"{phase.Name}\": {phase.Status}{after}");
            foreach (var task in phase.Tasks)
            {
                var step = task.CurrentStep is { } current ? $" ({current})" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {task.TaskId}  {task.Status}{step}  {task.Name}{(task.AgentName is { } agent ? $" ({agent})" : string.Empty)}");
            }
        }

        if (workflow.Phases.Count == 0)
        {
            text.AppendLine("no phases yet: add them with workflow_add_phase");
        }

        return text.ToString().TrimEnd();
    }

    public static string Count(int count, string noun) => Counts.Of(count, noun);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
