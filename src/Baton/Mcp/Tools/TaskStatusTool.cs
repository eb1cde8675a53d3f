using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;
using Baton.Core.Tasks;
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
        var open = details.Task.Status.IsTerminal()
            ? []
            : await services.Interactions.ListAsync(new InteractionQuery(InteractionStatus.Open, details.Task.Id, Limit: 1), cancellationToken);
        var waitingFor = open.Count > 0 ? InteractionViews.Of(open[0], Backend.Time.GetUtcNow(), details.Task.Definition.Name) : null;
        var view = Views.Of(details.Task, details.Attempts) with { OpenInteraction = waitingFor };
        var text = ToolTexts.Task(view);
        if (waitingFor is not null)
        {
            text += $"\nWaiting for a person: {ToolTexts.InteractionLine(waitingFor)}\nAnswer with interaction_respond (interaction_id {waitingFor.InteractionId}).";
        }

        return ToolResults.Success(text, view, ViewJsonContext.Default.TaskView);
    }
}
