using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>task_intervene</c>: steer a task: a message into its agent's session, or pause and resume it.</summary>
internal sealed class TaskInterveneTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "task_intervene";
    private static readonly string[] Actions = ["message", "pause", "resume"];

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Steer a task. message: tell its running agent something now, in its session (a task that is not running continues its session with it). pause: hold it; a running agent is interrupted with its session kept. resume: continue a paused task in the same session, told message if given.",
        new JsonObject
        {
            ["task_id"] = ToolSchema.String("The task's id (or a unique prefix of 4 or more characters)", 64),
            ["action"] = ToolSchema.Enum("message, pause or resume", Actions),
            ["message"] = ToolSchema.String("What the agent is told (required for message; for pause, the reason)", TaskService.MaxMessageBytes),
        },
        ["task_id", "action"],
        ToolSchema.Writes("Steer, pause or resume a task"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var taskId = arguments.Required("task_id", 64);
        var action = arguments.OneOf("action", Actions) ?? throw new ToolArgumentException("'action' is required: message, pause or resume");
        var message = arguments.String("message", TaskService.MaxMessageBytes) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
        switch (action)
        {
            case "message":
                var intervention = await services.Tasks.InterveneAsync(
                    taskId, message ?? throw new ToolArgumentException("'message' is required for action message: what the agent is told"), caller.Name, cancellationToken);
                var task = intervention.Task;
                return Result(intervention.Outcome switch
                {
                    InterventionOutcome.Sent => $"Message sent to task {task.Id}; its agent gets it now.",
                    InterventionOutcome.Resumed => $"Task {task.Id} was paused; it resumes its agent session with the message.",
                    _ => $"Task {task.Id} continues its agent session with the message.",
                }, task);
            case "pause":
                var paused = await services.Tasks.PauseAsync(taskId, message, cancellationToken);
                return Result(paused.Outcome == TaskChangeOutcome.Requested
                    ? $"Task {paused.Task!.Id} is running; its agent is being interrupted and the task becomes paused shortly."
                    : $"Task {paused.Task!.Id} paused.", paused.Task);
            default:
                var resumed = await services.Tasks.ResumeAsync(taskId, message, cancellationToken);
                return Result(resumed.Outcome == TaskChangeOutcome.Requested
                    ? $"Task {resumed.Task!.Id} was not paused yet; the pause is withdrawn and it keeps running."
                    : $"Task {resumed.Task!.Id} resumed; its agent continues the same session.", resumed.Task);
        }
    }

    private static CallToolResult Result(string text, TaskRecord task) => ToolResults.Success(text, Views.Of(task), ViewJsonContext.Default.TaskView);
}
