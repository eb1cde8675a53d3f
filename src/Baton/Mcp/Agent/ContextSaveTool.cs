using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Agent;

/// <summary><c>context_save</c>: the agent saves where its work stands, for the session or agent that continues it.</summary>
internal sealed class ContextSaveTool(AgentRun run, Task<AgentMcpServices> services, ILogger logger) : AgentTool(run, services, Definition, logger)
{
    public const string ToolName = "context_save";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        $"Save where your work stands, so a later session or another agent can continue it: what the task is, steps done and still to do, "
        + $"decisions with their reasons, files that matter (paths only), open questions, approaches that failed. At most {CapsuleRules.MaxBytes:N0} bytes as JSON: "
        + "no file contents, no conversation history, no secrets. Save at milestones and before you finish; a newer save supersedes the older.",
        new JsonObject
        {
            [CapsuleFields.CurrentTask] = ToolSchema.String("What the work is, in a sentence or two"),
            [CapsuleFields.CompletedSteps] = ToolSchema.StringArray("Steps done so far, oldest first, one line each", 100),
            [CapsuleFields.NextSteps] = ToolSchema.StringArray("Steps still to do, in order", 100),
            [CapsuleFields.Decisions] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "Decisions the next session must keep, each with why",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        [CapsuleFields.Decision] = ToolSchema.String("The decision"),
                        [CapsuleFields.Reason] = ToolSchema.String("Why it was taken"),
                    },
                    ["required"] = new JsonArray(CapsuleFields.Decision, CapsuleFields.Reason),
                    ["additionalProperties"] = false,
                },
            },
            [CapsuleFields.Files] = ToolSchema.StringArray("Paths that matter (names only, never contents)", 100),
            [CapsuleFields.OpenQuestions] = ToolSchema.StringArray("Questions not settled yet", 50),
            [CapsuleFields.FailedApproaches] = ToolSchema.StringArray("What was tried and did not work, so it is not tried again", 50),
        },
        [CapsuleFields.CurrentTask],
        ToolSchema.Writes("Save your working context", idempotent: false));

    protected override async Task<CallToolResult> RunAsync(
        ToolArguments arguments, IDictionary<string, JsonElement>? raw, AgentMcpServices services, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToElement(raw ?? new Dictionary<string, JsonElement>(), AgentMcpJsonContext.Default.IDictionaryStringJsonElement);
        var saved = await services.Context.SaveAsync(Run.TaskId, Run.Attempt, json, cancellationToken);
        var size = CapsuleSize.Of(saved.Capsule);
        var view = new CapsuleSavedView(saved.Id, saved.TaskId, saved.SessionId, size, CapsuleRules.MaxBytes);
        return ToolResults.Success(
            $"Context saved ({size:N0} of {CapsuleRules.MaxBytes:N0} bytes) as {saved.Id}; whoever continues this task gets it.",
            view,
            AgentMcpJsonContext.Default.CapsuleSavedView);
    }
}
