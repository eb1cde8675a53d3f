using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>list_tasks</c>: recent tasks, newest first, filtered by status, workflow or tag.</summary>
internal sealed class ListTasksTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "list_tasks";
    private const int DefaultLimit = 10;

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Recent tasks, newest first, with their ids and statuses; filter by status, workflow or tag.",
        new JsonObject
        {
            ["status"] = ToolSchema.Enum("Only tasks with this status", TaskStates.AllNames),
            ["workflow_id"] = ToolSchema.String("Only the tasks of this workflow", 64),
            ["tag"] = ToolSchema.String("Only tasks with this tag", 64),
            ["limit"] = ToolSchema.Integer($"How many to list; default {DefaultLimit}", 1, 100),
        },
        [],
        ToolSchema.ReadOnly("List tasks"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        TaskState? status = arguments.OneOf("status", TaskStates.AllNames) is { } name && TaskStates.TryParse(name, out var state) ? state : null;
        var workflowId = arguments.String("workflow_id", 64) is { } workflow ? await services.Workflows.ResolveIdAsync(workflow, cancellationToken) : null;
        var query = new TaskQuery(status, arguments.String("tag", 64), arguments.Integer("limit", 1, 100) ?? DefaultLimit, workflowId);
        var tasks = (await services.Tasks.ListAsync(query, cancellationToken)).Select(t => Views.Of(t)).ToList();
        var text = new StringBuilder(tasks.Count == 0 ? "No tasks match." : $"{ToolTexts.Count(tasks.Count, "task")}, newest first:");
        foreach (var task in tasks)
        {
            text.AppendLine().Append(ToolTexts.TaskLine(task));
        }

        return ToolResults.Success(text.ToString(), new TaskListView(tasks, tasks.Count), McpJsonContext.Default.TaskListView);
    }
}
