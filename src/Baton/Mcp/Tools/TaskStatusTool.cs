using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>task_status</c>: a task with its progress, attempts, result or error, times, tokens and cost.</summary>
internal sealed class TaskStatusTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "task_status";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "A task's status (pending, running, retrying, completed, failed, cancelled, timed_out, ...), progress, attempts, result or error, timestamps, tokens and cost.",
        new JsonObject { ["task_id"] = ToolSchema.String("The id task_async returned (a unique prefix of 4 or more characters works too)", 64) },
        ["task_id"],
        ToolSchema.ReadOnly("Get a task's status and result"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var details = await services.Tasks.GetAsync(arguments.Required("task_id", 64), cancellationToken);
        var view = Views.Of(details.Task, details.Attempts);
        return ToolResults.Success(ToolTexts.Task(view), view, ViewJsonContext.Default.TaskView);
    }
}
