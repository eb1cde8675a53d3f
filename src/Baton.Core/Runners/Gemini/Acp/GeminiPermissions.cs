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

    /// <summary>The answer to a request: the chosen option.</summary>
    public static JsonObject Selected(string optionId) =>
        new() { ["outcome"] = new JsonObject { ["outcome"] = "selected", ["optionId"] = optionId } };

    /// <summary>The answer ACP requires for a request pending when the turn is cancelled.</summary>
    public static JsonObject Cancelled() => new() { ["outcome"] = new JsonObject { ["outcome"] = "cancelled" } };

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
