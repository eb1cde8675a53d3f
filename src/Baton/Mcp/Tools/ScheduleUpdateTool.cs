using System.Text.Json.Nodes;
using Baton.Core.Schedules;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>schedule_update</c>: pause, resume, trigger or remove a schedule.</summary>
internal sealed class ScheduleUpdateTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "schedule_update";
    private static readonly string[] Actions = ["pause", "resume", "trigger", "remove"];

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Change a schedule: pause (fires nothing until resumed; note says why), resume (from its next occurrence), trigger (queue its task once now) "
        + "or remove (with its history; its tasks stay).",
        new JsonObject
        {
            ["schedule"] = ToolSchema.String("The schedule's name", 64),
            ["action"] = ToolSchema.Enum("What to do", Actions),
            ["note"] = ToolSchema.String("With pause: why, for whoever looks at the schedule", 1000),
        },
        ["schedule", "action"],
        ToolSchema.Writes("Pause, resume, trigger or remove a schedule", destructive: true));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var schedules = ScheduleCreateTool.Schedules(services);
        var name = arguments.Required("schedule", 64);
        switch (arguments.OneOf("action", Actions))
        {
            case "pause":
                var paused = await schedules.PauseAsync(name, arguments.String("note", 1000), cancellationToken);
                return ToolResults.Success($"Schedule {name} paused.", ScheduleView.Of(paused), ScheduleJsonContext.Default.ScheduleView);
            case "resume":
                var resumed = ScheduleView.Of(await schedules.ResumeAsync(name, cancellationToken));
                return ToolResults.Success($"Schedule {name} resumed; next occurrence {resumed.NextAt:O}.", resumed, ScheduleJsonContext.Default.ScheduleView);
            case "trigger":
                await Backend.EnsureDaemonAsync(cancellationToken);
                var fired = OccurrenceView.Of(await schedules.TriggerAsync(name, caller.Name, cancellationToken));
                var text = fired.TaskId is { } id ? $"Schedule {name} fired: task {id} queued (task_status follows it)." : $"Schedule {name} could not queue its task: {fired.Reason}";
                return ToolResults.Success(text, fired, ScheduleJsonContext.Default.OccurrenceView);
            case "remove":
                await schedules.RemoveAsync(name, cancellationToken);
                var gone = new ScheduleListView([]);
                return ToolResults.Success($"Schedule {name} removed.", gone, ScheduleJsonContext.Default.ScheduleListView);
            default:
                throw new ToolArgumentException("action is required: pause, resume, trigger or remove");
        }
    }
}
