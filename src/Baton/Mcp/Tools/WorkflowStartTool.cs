using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>workflow_start</c>: check a draft workflow's whole graph and start it; returns at once.</summary>
internal sealed class WorkflowStartTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "workflow_start";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Check a draft workflow (phases, tasks, no cycles) and start it; returns at once while Baton runs it in the background. Follow it with workflow_status.",
        new JsonObject { ["workflow_id"] = ToolSchema.String("The id workflow_create returned", 64) },
        ["workflow_id"],
        ToolSchema.Writes("Start a workflow"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var workflowId = await services.Workflows.ResolveIdAsync(arguments.Required("workflow_id", 64), cancellationToken);
        // A workflow that cannot start is refused before a daemon is started for it; the start checks again.
        if (await services.Workflows.CheckStartableAsync(workflowId, cancellationToken))
        {
            await Backend.EnsureDaemonAsync(cancellationToken);
        }

        var view = WorkflowViews.Of(await services.Workflows.StartAsync(workflowId, cancellationToken));
        var message = $"Workflow {view.WorkflowId} started: {ToolTexts.Count(view.Phases.Count, "phase")}, {ToolTexts.Count(view.Progress.Total, "task")}. "
            + "It runs in the background; follow it with workflow_status.";
        return ToolResults.Success(message, view, ViewJsonContext.Default.WorkflowView);
    }
}
