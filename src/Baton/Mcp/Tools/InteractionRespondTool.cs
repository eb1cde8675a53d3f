using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>interaction_respond</c>: approve, deny or answer what a task waits for; the waiting agent carries on.</summary>
internal sealed class InteractionRespondTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: true, logger)
{
    public const string ToolName = "interaction_respond";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Answer what a task waits for (ids from list_interactions): approve or deny a tool approval or plan; answer or deny a question; for a merge conflict, answer 'resolved' (fixed and staged), 'agent NAME [instructions]' (hand it to that agent) or 'abort'. The agent carries on at once. Answering twice, or something withdrawn or expired, is refused.",
        new JsonObject
        {
            ["interaction_id"] = ToolSchema.String("The interaction's id (in_...), from list_interactions", 64),
            ["decision"] = ToolSchema.Enum("approve or deny (tool_approval, plan_approval); answer or deny (question)", InteractionDecisions.AllNames),
            ["message"] = ToolSchema.String("A denial's reason or an approval's feedback, which the agent reads; a free-text answer to a question; a merge conflict's answer", TaskService.MaxMessageBytes),
            ["answers"] = ToolSchema.StringMap("A question's answers, keyed by the question's text or number (from 1); an option's label, or its number", 20),
            ["remember"] = ToolSchema.Boolean("With approve: allow it for the rest of the agent's session (do not ask again)"),
        },
        ["interaction_id", "decision"],
        ToolSchema.Writes("Answer what a task waits for"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var id = arguments.Required("interaction_id", 64).Trim().ToLowerInvariant();
        if (!InteractionIds.LooksLikeId(id))
        {
            throw new ToolArgumentException($"'interaction_id' is not an interaction id; {InteractionIds.Shape.Replace("'baton inbox' prints", "list_interactions returns", StringComparison.Ordinal)}");
        }

        InteractionDecisions.TryParse(arguments.OneOf("decision", InteractionDecisions.AllNames) ?? throw new ToolArgumentException("'decision' is required"), out var decision);
        var message = arguments.String("message", TaskService.MaxMessageBytes);
        var given = arguments.StringMap("answers", 20, 4096, TaskService.MaxMessageBytes);
        var answers = given is { Count: > 0 } ? InteractionAnswers.Normalize(await services.Interactions.GetAsync(id, cancellationToken), given) : null;
        var reply = new InteractionReply(decision, message, answers, Remember: arguments.Boolean("remember") == true);
        var answered = await services.Interactions.RespondAsync(id, reply, caller.Name, cancellationToken);
        var view = InteractionViews.Of(answered, Backend.Time.GetUtcNow());
        var whose = view.TaskId is { } task ? $"task {task}" : $"workflow {view.WorkflowId}, phase {view.PhaseId}";
        return ToolResults.Success($"{Said(view.Response!)} {view.InteractionId} ({view.Summary}) for {whose}; it carries on.", view, ViewJsonContext.Default.InteractionView);
    }

    private static string Said(InteractionResponseView response) => response.Decision switch
    {
        "approve" => response.Remember ? "Approved (for the rest of the session)" : "Approved",
        "deny" => "Denied",
        _ => "Answered",
    };
}
