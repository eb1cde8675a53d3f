using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Schedules;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>schedule_list</c>: the schedules with their next occurrence, or one schedule's recent history.</summary>
internal sealed class ScheduleListTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "schedule_list";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "The schedules, with their timing, whether paused, and next occurrence. With schedule: that schedule's recent occurrences instead "
        + "(fired with the task id and status, skipped, missed or failed, and why).",
        new JsonObject
        {
            ["schedule"] = ToolSchema.String("A schedule's name: list its history instead", 64),
            ["limit"] = ToolSchema.Integer("With schedule: how many occurrences, newest first; default 20", 1, 1000),
        },
        [],
        ToolSchema.ReadOnly("List schedules"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var schedules = ScheduleCreateTool.Schedules(services);
        if (arguments.String("schedule", 64) is { } name)
        {
            var history = await schedules.HistoryAsync(name, arguments.Integer("limit", 1, 1000) ?? 20, cancellationToken);
            var lines = new StringBuilder(history.Count == 0 ? $"Schedule {name} has had no occurrence yet." : $"Schedule {name}, newest first:");
            foreach (var occurrence in history)
            {
                lines.AppendLine().Append($"- {occurrence.PlannedAt:O} {occurrence.Outcome.ToWire()}")
                    .Append(occurrence.TaskId is { } id ? $" task {id} ({occurrence.TaskStatus ?? "gone"})" : "")
                    .Append(occurrence.Reason is { } reason ? $": {reason}" : "");
            }

            return ToolResults.Success(lines.ToString(), new OccurrenceListView(name, [.. history.Select(OccurrenceView.Of)]), ScheduleJsonContext.Default.OccurrenceListView);
        }

        var all = (await schedules.ListAsync(cancellationToken)).Select(ScheduleView.Of).ToList();
        var text = new StringBuilder(all.Count == 0 ? "No schedules." : $"{all.Count} schedule(s):");
        foreach (var schedule in all)
        {
            text.AppendLine().Append($"- {schedule.Name}: {(schedule.Spec.Cron is { } cron ? $"cron '{cron}' in {schedule.Spec.TimeZone}" : $"every {schedule.Spec.Every}")}, ")
                .Append(schedule.Paused ? "paused" : $"next {schedule.NextAt:O}");
        }

        return ToolResults.Success(text.ToString(), new ScheduleListView(all), ScheduleJsonContext.Default.ScheduleListView);
    }
}
