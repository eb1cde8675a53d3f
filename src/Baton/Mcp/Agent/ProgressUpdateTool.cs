using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Attempts;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Agent;

/// <summary><c>progress_update</c>: the agent says how far along it is; the task's progress and time estimate follow it.</summary>
internal sealed class ProgressUpdateTool(AgentRun run, Task<AgentMcpServices> services, ILogger logger) : AgentTool(run, services, Definition, logger)
{
    public const string ToolName = "progress_update";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Say how far along the task you are (0-100) and what you are doing now; people watching the task see it, and its time estimate follows it. Call it at milestones, not for every step.",
        new JsonObject
        {
            ["percent"] = new JsonObject { ["type"] = "number", ["description"] = "How much of the task is done, 0 to 100", ["minimum"] = 0, ["maximum"] = 100 },
            ["step"] = ToolSchema.String("What you are doing now, in a few words", AgentReport.MaxStepLength),
        },
        ["percent", "step"],
        ToolSchema.Writes("Report progress", idempotent: true));

    protected override async Task<CallToolResult> RunAsync(
        ToolArguments arguments, IDictionary<string, JsonElement>? raw, AgentMcpServices services, CancellationToken cancellationToken)
    {
        if (raw is null || !raw.TryGetValue("percent", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ToolArgumentException("'percent' is required: a number from 0 to 100");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var percent))
        {
            throw new ToolArgumentException("'percent' must be a number from 0 to 100");
        }

        var step = arguments.String("step", int.MaxValue) ?? throw new ToolArgumentException("'step' is required: say in a few words what you are doing");
        var report = await services.Context.ProgressAsync(Run.TaskId, Run.Attempt, percent, step, cancellationToken);
        return ToolResults.Success(
            $"Progress recorded: {report.Percent}% - {report.Step}.",
            new ProgressReportView(Run.TaskId, Run.Attempt, report.Percent, report.Step),
            AgentMcpJsonContext.Default.ProgressReportView);
    }
}
