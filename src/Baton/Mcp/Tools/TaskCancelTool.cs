using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>task_cancel</c>: cancel a task that has not ended.</summary>
internal sealed class TaskCancelTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "task_cancel";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Cancel a task: a waiting one at once; a running one has its whole process tree stopped.",
        new JsonObject { ["task_id"] = ToolSchema.String("The task's id (or a unique prefix of 4 or more characters)", 64) },
        ["task_id"],
        ToolSchema.Writes("Cancel a task", destructive: true, idempotent: false));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var result = await services.Tasks.CancelAsync(arguments.Required("task_id", 64), cancellationToken);
        var view = Views.Of(result.Task!);
        var message = result.Outcome == CancelOutcome.Requested
            ? $"Task {view.TaskId} is running; it is being stopped and becomes cancelled shortly."
            : $"Task {view.TaskId} cancelled.";
        return ToolResults.Success(message, view, ViewJsonContext.Default.TaskView);
    }
}
