using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// gemini-cli's <c>session/request_permission</c> as a question to a person, and the person's answer as the option
/// gemini offered. Options are chosen by their ACP kind (<c>allow_once</c>, <c>allow_always</c>, <c>reject_once</c>),
/// never by gemini's own option ids.
/// </summary>
internal static class GeminiPermissions
{
    /// <summary>gemini's tool that leaves plan mode: asking for it is asking to carry out the plan.</summary>
    private const string ExitPlanModeTool = "exit_plan_mode";

    /// <summary>
    /// What to ask: the tool call's title (the command line, or the file) as the summary, its content (the diff of an
    /// edit, the working directory of a command) as the detail. The input that identifies the request across a
    /// restart leaves out the call id and status, which differ on every run.
    /// </summary>
    public static InteractionAsk Ask(JsonElement request, string workingDirectory)
    {
        var toolCall = JsonFields.Child(request, "toolCall");
        var tool = GeminiAcpUpdates.ToolName(toolCall);
        var title = JsonFields.Text(toolCall, "title") ?? tool ?? "a tool";
        var detail = Detail(toolCall, workingDirectory);
        var input = new JsonObject
        {
            ["title"] = title,
            ["kind"] = JsonFields.Text(toolCall, "kind"),
            ["content"] = Node(JsonFields.Child(toolCall, "content")),
            ["locations"] = Node(JsonFields.Child(toolCall, "locations")),
        };
        var options = Node(JsonFields.Child(request, "options"));
        return tool == ExitPlanModeTool
            ? new InteractionAsk { Kind = InteractionKind.PlanApproval, Summary = title, ToolName = tool, Input = input.ToJsonString(), Plan = detail, Detail = detail }
            : new InteractionAsk
            {
                Kind = InteractionKind.ToolApproval,
                Summary = title,
                ToolName = tool,
                Input = input.ToJsonString(),
                Suggestions = options?.ToJsonString(),
                Detail = detail,
            };
    }

    /// <summary>
    /// The option that carries <paramref name="response"/>: approve is <c>allow_once</c> (<c>allow_always</c> when it
    /// is to be remembered and gemini offers it), deny is <c>reject_once</c>. Null when gemini offered no such option.
    /// </summary>
    public static string? OptionFor(JsonElement request, InteractionResponse response)
    {
        string[] kinds = response.Decision == InteractionDecision.Approve
            ? response.Remember ? ["allow_always", "allow_once"] : ["allow_once", "allow_always"]
            : ["reject_once", "reject_always"];
        var options = JsonFields.Child(request, "options");
        if (options.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var kind in kinds)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (JsonFields.Text(option, "kind") == kind && JsonFields.Text(option, "optionId") is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a permission request is for one of Baton's own tools, which Baton approves itself instead of asking a
    /// person. gemini names an MCP tool <c>mcp_SERVER_TOOL</c> for the model and starts the call id with that name and
    /// <c>__</c>, and titles the request <c>TOOL (SERVER MCP Server)</c>. Both must match: the name alone could be
    /// another server's (server <c>baton_context</c>, tool <c>save</c>), whose title differs. gemini takes the title
    /// from a string <c>command</c> argument instead, which Baton's tools refuse, so a request whose arguments show
    /// one is never taken for Baton's.
    /// </summary>
    /// <returns>The Baton tool's name, or null when the request is not for one of them.</returns>
    public static string? BatonTool(JsonElement request)
    {
        var toolCall = JsonFields.Child(request, "toolCall");
        var tool = AgentMcpServer.ToolNames.FirstOrDefault(
            t => JsonFields.Text(toolCall, "toolCallId")?.StartsWith($"mcp_{AgentMcpServer.Name}_{t}__", StringComparison.Ordinal) == true);
        return tool is not null
            && JsonFields.Text(toolCall, "title") == $"{tool} ({AgentMcpServer.Name} MCP Server)"
            && !ShowsCommand(toolCall)
            ? tool
            : null;
    }

    /// <summary>The answer to a request: the chosen option.</summary>
    public static JsonObject Selected(string optionId) =>
        new() { ["outcome"] = new JsonObject { ["outcome"] = "selected", ["optionId"] = optionId } };

    /// <summary>The answer ACP requires for a request pending when the turn is cancelled.</summary>
    public static JsonObject Cancelled() => new() { ["outcome"] = new JsonObject { ["outcome"] = "cancelled" } };

    /// <summary>
    /// Whether the arguments gemini shows (as JSON, or as a list of names when they are long) include <c>command</c>.
    /// </summary>
    private static bool ShowsCommand(JsonElement toolCall)
    {
        var content = JsonFields.Child(toolCall, "content");
        if (content.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in content.EnumerateArray())
        {
            if (JsonFields.Text(JsonFields.Child(item, "content"), "text") is not { } text || !text.Contains("command", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(text) is not JsonObject arguments || arguments.ContainsKey("command"))
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Detail(JsonElement toolCall, string workingDirectory)
    {
        var content = JsonFields.Child(toolCall, "content");
        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var detail = new StringBuilder();
        foreach (var item in content.EnumerateArray())
        {
            switch (JsonFields.Text(item, "type"))
            {
                case "content" when JsonFields.Text(JsonFields.Child(item, "content"), "text") is { } text:
                    detail.AppendLine(text);
                    break;
                case "diff":
                    var path = StepText.Relative(JsonFields.Text(item, "path") ?? "?", workingDirectory);
                    detail.AppendLine($"--- {path}").AppendLine($"+++ {path}");
                    AppendLines(detail, '-', JsonFields.Text(item, "oldText"));
                    AppendLines(detail, '+', JsonFields.Text(item, "newText"));
                    break;
            }
        }

        return detail.Length == 0 ? null : detail.ToString().TrimEnd();
    }

    private static void AppendLines(StringBuilder detail, char sign, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var line in text.Split('\n'))
        {
            detail.Append(sign).AppendLine(line);
        }
    }

    private static JsonNode? Node(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText());
}
