using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>workflow_status</c>: a workflow with its phases, tasks, progress and estimate.</summary>
internal sealed class WorkflowStatusTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "workflow_status";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "A workflow's status and progress, each phase with its tasks (ids, statuses, current steps), time remaining when known, tokens and cost.",
        new JsonObject { ["workflow_id"] = ToolSchema.String("The workflow's id (or a unique prefix of 4 or more characters)", 64) },
        ["workflow_id"],
        ToolSchema.ReadOnly("Get a workflow's status"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var view = WorkflowViews.Of(await services.Workflows.GetAsync(arguments.Required("workflow_id", 64), cancellationToken));
        return ToolResults.Success(ToolTexts.Workflow(view), view, ViewJsonContext.Default.WorkflowView);
    }
}
