using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Application.Fields;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>workflow_create</c>: an empty draft workflow to build with phases and tasks.</summary>
internal sealed class WorkflowCreateTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "workflow_create";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Create an empty draft workflow and get its workflow_id. Then add phases (workflow_add_phase), tasks (workflow_add_task) and start it (workflow_start).",
        new JsonObject
        {
            ["name"] = ToolSchema.String("A short name for the workflow", 200),
            ["description"] = ToolSchema.String("What the workflow is for", 4000),
            ["budget_usd"] = new JsonObject
            {
                ["type"] = "number",
                ["description"] = "The most all attempts of all its tasks may cost together, in USD (estimated for Codex and Gemini); past it a person is asked to raise it, approve once, or cancel",
                ["minimum"] = TaskFields.MinBudgetUsd,
                ["maximum"] = TaskFields.MaxBudgetUsd,
            },
            ["webhook_url"] = ToolSchema.String(
                "A URL to POST the workflow's and phases' changes, its tasks' ends and milestones to (Standard Webhooks signed; a new URL's secret is returned once as webhook_secret)", 2048),
        },
        ["name"],
        ToolSchema.Writes("Create a workflow"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var settings = new WorkflowSettings(arguments.Required("name", 200), arguments.String("description", 4000), CreatedBy: caller.Name,
            BudgetUsd: arguments.Amount("budget_usd", TaskFields.MinBudgetUsd, TaskFields.MaxBudgetUsd));
        var webhookUrl = arguments.String("webhook_url", 2048);
        if (webhookUrl is not null)
        {
            (services.Webhooks ?? throw new ToolArgumentException("webhook_url is not available here")).CheckUrl(webhookUrl, "webhook_url");
        }

        var workflow = await services.Workflows.CreateAsync(settings, cancellationToken);
        // A draft has no events until it starts, so subscribing right after creating it misses nothing.
        var secret = webhookUrl is not null ? (await services.Webhooks!.SubscribeWorkflowAsync(webhookUrl, workflow.Id, caller.Name, cancellationToken)).NewSecret : null;
        var message = $"Workflow {workflow.Id} created as a draft. Add phases with workflow_add_phase, tasks with workflow_add_task, then start it with workflow_start.";
        return ToolResults.Success(ToolResults.WithSecret(message, secret), new WorkflowCreatedView(workflow.Id, workflow.Status.ToWire(), message, secret), ViewJsonContext.Default.WorkflowCreatedView);
    }
}
