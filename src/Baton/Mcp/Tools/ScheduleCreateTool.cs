using System.Text.Json.Nodes;
using Baton.Core.Schedules;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>schedule_create</c>: a task queued repeatedly, on a cron expression in a time zone or every interval.</summary>
internal sealed class ScheduleCreateTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition(backend), writes: true, logger)
{
    public const string ToolName = "schedule_create";

    private static Tool Definition(McpBackend backend)
    {
        var properties = new JsonObject
        {
            ["schedule"] = ToolSchema.String("The schedule's name: lowercase letters, digits, '.', '_', '-'", 64),
            ["cron"] = ToolSchema.String("Five fields (minute hour day month weekday), six with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly; or give every", 200),
            ["every"] = ToolSchema.String("An interval instead of cron: 30s, 5m, 2h, 1d", 32),
            ["time_zone"] = ToolSchema.String("IANA time zone of cron, such as Europe/Berlin; default the daemon machine's", 64),
            ["overlap"] = ToolSchema.Enum("When the previous run is still going; default skip", ["skip", "buffer_one", "allow_all", "cancel_other"]),
            ["misfire"] = ToolSchema.Enum("Occurrences that fell while no daemon ran; default skip", ["skip", "once", "all"]),
            ["jitter"] = ToolSchema.String("Spread each start by up to this much, such as 30s", 32),
            ["pause_on_failure"] = ToolSchema.Integer("Pause after this many failed runs in a row", 1, 1000),
        };
        TaskArguments.AddTo(properties, backend.DefaultDirectory is null, "Not allowed: each occurrence queues a task of its own");
        return ToolSchema.Tool(
            ToolName,
            "Schedule a task (agent_name and agent_instructions, or a command) to be queued repeatedly: on a cron expression in a time zone, or every interval. "
            + "The daemon fires it; see schedule_list for the next occurrence and schedule_update to pause, resume, trigger or remove it.",
            properties,
            ["schedule", .. TaskArguments.Required],
            ToolSchema.Writes("Schedule a recurring task"));
    }

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var task = TaskArguments.Read(arguments, caller, Backend.DefaultDirectory);
        var spec = new ScheduleSpec
        {
            Name = arguments.Required("schedule", 64),
            Cron = arguments.String("cron", 200),
            Every = arguments.String("every", 32),
            TimeZone = arguments.String("time_zone", 64),
            Overlap = arguments.OneOf("overlap", ["skip", "buffer_one", "allow_all", "cancel_other"]),
            Misfire = arguments.OneOf("misfire", ["skip", "once", "all"]),
            Jitter = arguments.String("jitter", 32),
            PauseOnFailure = arguments.Integer("pause_on_failure", 1, 1000),
            Task = task with { CreatedBy = null },
        };
        var schedule = await Schedules(services).AddAsync(spec, task.CreatedBy, cancellationToken);
        await Backend.EnsureDaemonAsync(cancellationToken);
        var view = ScheduleView.Of(schedule);
        return ToolResults.Success($"Schedule {schedule.Name} added; its next occurrence is {view.NextAt:O}.", view, ScheduleJsonContext.Default.ScheduleView);
    }

    internal static Core.Application.ScheduleService Schedules(McpServices services) =>
        services.Schedules ?? throw new ToolArgumentException("schedules are not available here");
}
