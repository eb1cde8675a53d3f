using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>workflow_add_task</c>: add an agent task (or a command), with task_async's options, to a phase of a workflow.</summary>
internal sealed class WorkflowAddTaskTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition(backend), writes: true, logger)
{
    public const string ToolName = "workflow_add_task";

    private static Tool Definition(McpBackend backend)
    {
        var properties = new JsonObject
        {
            ["workflow_id"] = ToolSchema.String("The id workflow_create returned", 64),
            ["phase_id"] = ToolSchema.String("The phase the task belongs to", 64),
        };
        TaskArguments.AddTo(properties, backend.DefaultDirectory is null, "Ids of tasks of the same workflow that must complete first; their results are passed to this task");
        return ToolSchema.Tool(
            ToolName,
            "Add an agent task (or a program, with command) to a phase of a workflow that has not ended. It takes task_async's options; it runs when its phase starts (at once if the workflow runs and its phase has started).",
            properties,
            ["workflow_id", "phase_id", .. TaskArguments.Required],
            ToolSchema.Writes("Add a task to a workflow phase"));
    }

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var workflowId = await services.Workflows.ResolveIdAsync(arguments.Required("workflow_id", 64), cancellationToken);
        var phaseId = arguments.Required("phase_id", 64);
        var request = TaskArguments.Read(arguments, caller, Backend.DefaultDirectory);
        var definition = await TaskDefinitions.BuildAsync(Backend, request, cancellationToken);
        var task = await services.Workflows.AddTaskAsync(workflowId, phaseId, definition, Backend.SearchPath, cancellationToken);
        if (!task.Blocked)
        {
            // Added to a running workflow and ready to run.
            await Backend.EnsureDaemonAsync(cancellationToken);
        }

        var message = $"Task {task.Id} added to phase '{phaseId}' of workflow {workflowId}.";
        return ToolResults.Success(message, new EnqueuedView(task.Id, task.Status.ToWire(), true, message), ViewJsonContext.Default.EnqueuedView);
    }
}
