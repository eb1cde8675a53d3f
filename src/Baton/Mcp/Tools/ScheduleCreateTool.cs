using System.Text.Json.Nodes;
using Baton.Core.Schedules;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>schedule_create</c>: a task queued repeatedly, on a cron expression in a time zone or every interval.</summary>
internal sealed class ScheduleCreateTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition(backend), writes: true, logger)
{
    public const string ToolName = "schedule_create";
    private const int MaxWorkflowSource = 256 * 1024;
    private const int MaxWorkflowVars = 100;

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
            ["workflow_source"] = ToolSchema.String("Instead of a task: the text of a workflow file (YAML, as for baton workflow run) to start at each occurrence; "
                + "its tasks work in working_directory unless they say otherwise. Checked now and at each firing", MaxWorkflowSource),
            ["workflow_vars"] = ToolSchema.StringMap("With workflow_source: values for {{vars.NAME}} in it, which win over its vars:", MaxWorkflowVars),
        };
        TaskArguments.AddTo(properties, backend.DefaultDirectory is null, "Not allowed: each occurrence queues a task of its own");
        return ToolSchema.Tool(
            ToolName,
            "Schedule a task (agent_name and agent_instructions, or a command) to be queued repeatedly, or a whole workflow (workflow_source) to be started: on a cron expression in a time zone, or every interval. "
            + "The daemon fires it; see schedule_list for the next occurrence and schedule_update to pause, resume, trigger or remove it.",
            properties,
            // The task's own required fields are checked when a task is given rather than workflow_source.
            ["schedule"],
            ToolSchema.Writes("Schedule a recurring task"));
    }

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var workflow = Workflow(arguments, Backend.DefaultDirectory);
        var task = workflow is null ? TaskArguments.Read(arguments, caller, Backend.DefaultDirectory) : null;
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
            Task = task is null ? null : task with { CreatedBy = null },
            Workflow = workflow,
        };
        var schedule = await Schedules(services).AddAsync(spec, caller.Name, cancellationToken);
        await Backend.EnsureDaemonAsync(cancellationToken);
        var view = ScheduleView.Of(schedule);
        return ToolResults.Success($"Schedule {schedule.Name} added; its next occurrence is {view.NextAt:O}.", view, ScheduleJsonContext.Default.ScheduleView);
    }

    /// <summary>The workflow of workflow_source and workflow_vars, or null for a schedule of a task; the task's own arguments do not apply to it.</summary>
    private static ScheduleWorkflow? Workflow(ToolArguments arguments, string? defaultDirectory)
    {
        if (arguments.String("workflow_source", MaxWorkflowSource) is not { } source)
        {
            return arguments.StringMap("workflow_vars", MaxWorkflowVars, 200, 10_000) is null
                ? null
                : throw new ToolArgumentException("'workflow_vars' goes with 'workflow_source'; give the workflow file's text too, or leave it out");
        }

        foreach (var taskOnly in new[] { "command", "agent_name", "agent_instructions" })
        {
            if (arguments.Has(taskOnly))
            {
                throw new ToolArgumentException($"a schedule runs either a task or a workflow: drop '{taskOnly}' or 'workflow_source' (set task options in the workflow file)");
            }
        }

        var given = arguments.String(Core.Application.Fields.TaskFields.WorkingDirectory.Name, 4096);
        if (defaultDirectory is null && (given is null || !Path.IsPathFullyQualified(given)))
        {
            throw new ToolArgumentException("'working_directory' must be given as an absolute path over HTTP: the daemon cannot know your project's directory");
        }

        return new ScheduleWorkflow
        {
            Source = source,
            Vars = arguments.StringMap("workflow_vars", MaxWorkflowVars, 200, 10_000),
            WorkingDirectory = given is null ? defaultDirectory : Path.GetFullPath(given, defaultDirectory ?? "/"),
        };
    }

    internal static Core.Application.ScheduleService Schedules(McpServices services) =>
        services.Schedules ?? throw new ToolArgumentException("schedules are not available here");
}
