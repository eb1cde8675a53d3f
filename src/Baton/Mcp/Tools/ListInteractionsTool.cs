using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>list_interactions</c>: what waits for a person (the agents' approvals and questions, phase gates), oldest first.</summary>
internal sealed class ListInteractionsTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "list_interactions";
    private const string All = "all";
    private const int DefaultLimit = 20;

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "What Baton's tasks wait for a person to answer, oldest first: tool approvals, questions, plans and phase gates, each with its id, what it asks, how long it waited and the decisions it takes (answer with interaction_respond).",
        new JsonObject
        {
            ["status"] = ToolSchema.Enum("Only these; default open", [.. InteractionStatuses.AllNames, All]),
            ["task_id"] = ToolSchema.String("Only this task's (a unique prefix of 4 or more characters works too)", 64),
            ["workflow_id"] = ToolSchema.String("Only this workflow's (its tasks' and its phase gates')", 64),
            ["limit"] = ToolSchema.Integer($"How many to list; default {DefaultLimit}", 1, 100),
        },
        [],
        ToolSchema.ReadOnly("List what waits for a person"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var name = arguments.OneOf("status", [.. InteractionStatuses.AllNames, All]);
        InteractionStatus? status = name is null ? InteractionStatus.Open : InteractionStatuses.TryParse(name, out var state) ? state : null;
        var taskId = arguments.String("task_id", 64) is { } task ? (await services.Tasks.GetAsync(task, cancellationToken)).Task.Id : null;
        var workflowId = arguments.String("workflow_id", 64) is { } workflow ? await services.Workflows.ResolveIdAsync(workflow, cancellationToken) : null;
        var found = await services.Interactions.ListAsync(
            new InteractionQuery(status, taskId, workflowId, arguments.Integer("limit", 1, 100) ?? DefaultLimit), cancellationToken);
        var now = Backend.Time.GetUtcNow();
        var views = found.Select(i => InteractionViews.Of(i, now)).ToList();
        var text = new StringBuilder(views.Count == 0
            ? status == InteractionStatus.Open ? "Nothing waits for an answer." : "No interactions match."
            : $"{ToolTexts.Count(views.Count, "interaction")}, oldest first:");
        foreach (var view in views)
        {
            text.AppendLine().Append(ToolTexts.InteractionLine(view));
        }

        return ToolResults.Success(text.ToString(), new InteractionListView(views, views.Count), ViewJsonContext.Default.InteractionListView);
    }
}
