using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>workflow_add_phase</c>: add a phase to a draft workflow.</summary>
internal sealed class WorkflowAddPhaseTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "workflow_add_phase";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Add a phase to a draft workflow. A phase's tasks run in parallel; it starts when every phase it depends on completed "
            + "(with requires_approval, once a person approves it: it waits in input_required, answered with interaction_respond).",
        new JsonObject
        {
            ["workflow_id"] = ToolSchema.String("The id workflow_create returned", 64),
            ["phase_id"] = ToolSchema.String("A short id for the phase, unique in the workflow, e.g. design", 64),
            ["name"] = ToolSchema.String("A readable name; default: the phase_id", 200),
            ["depends_on"] = ToolSchema.StringArray("Ids of phases (added before) that must complete first", 100),
            ["requires_approval"] = ToolSchema.Boolean("Wait for a person's approval before the phase's tasks start (default false)"),
        },
        ["workflow_id", "phase_id"],
        ToolSchema.Writes("Add a phase to a workflow"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var workflowId = await services.Workflows.ResolveIdAsync(arguments.Required("workflow_id", 64), cancellationToken);
        var phase = await services.Workflows.AddPhaseAsync(
            workflowId,
            arguments.Required("phase_id", 64),
            arguments.String("name", 200),
            arguments.StringList("depends_on", 100, 64) ?? [],
            arguments.Boolean("requires_approval") ?? false,
            cancellationToken);
        var view = new PhaseView
        {
            PhaseId = phase.PhaseId,
            Name = phase.Name,
            DependsOn = phase.DependsOn,
            Status = phase.Status.ToWire(),
            RequiresApproval = phase.RequiresApproval,
            Percent = 0,
            Tasks = [],
        };
        var after = (phase.DependsOn.Count > 0 ? $", after {string.Join(", ", phase.DependsOn)}" : string.Empty)
            + (phase.RequiresApproval ? ", gated: it waits for approval once its dependencies completed" : string.Empty);
        return ToolResults.Success($"Phase '{phase.PhaseId}' added to workflow {workflowId}{after}.", view, ViewJsonContext.Default.PhaseView);
    }
}
