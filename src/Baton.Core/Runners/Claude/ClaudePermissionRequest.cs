using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// A <c>can_use_tool</c> control request: Claude Code asks whether a tool may run (with
/// <c>--permission-prompt-tool stdio</c>; <c>AskUserQuestion</c> and <c>ExitPlanMode</c> arrive this way too).
/// </summary>
/// <param name="RequestId">The id the answer must echo.</param>
/// <param name="ToolName">The tool, as the CLI names it.</param>
/// <param name="Input">The tool's input; an approval sends it back as <c>updatedInput</c>.</param>
/// <param name="Suggestions">The CLI's <c>permission_suggestions</c> (rules it offers to remember), if any.</param>
/// <param name="BlockedPath">The path that made it ask, if the CLI said.</param>
/// <param name="ToolUseId">The model's <c>tool_use</c> id.</param>
/// <param name="Description">The CLI's own short description of the call, if any.</param>
internal sealed record ClaudePermissionRequest(
    string RequestId, string ToolName, JsonObject Input, JsonArray? Suggestions, string? BlockedPath, string? ToolUseId, string? Description)
{
    /// <summary>The request in a <c>control_request</c> line, or null if it is not a well-formed <c>can_use_tool</c>.</summary>
    public static ClaudePermissionRequest? From(JsonElement line)
    {
        var request = JsonFields.Child(line, "request");
        if (JsonFields.Text(request, "subtype") != "can_use_tool"
            || JsonFields.Text(line, "request_id") is not { } requestId
            || JsonFields.Text(request, "tool_name") is not { } tool)
        {
            return null;
        }

        var input = JsonFields.Child(request, "input") is { ValueKind: JsonValueKind.Object } given
            ? JsonNode.Parse(given.GetRawText())!.AsObject()
            : [];
        var suggestions = JsonFields.Child(request, "permission_suggestions") is { ValueKind: JsonValueKind.Array } offered
            ? JsonNode.Parse(offered.GetRawText())!.AsArray()
            : null;
        return new ClaudePermissionRequest(
            requestId, tool, input, suggestions,
            JsonFields.Text(request, "blocked_path"), JsonFields.Text(request, "tool_use_id"), JsonFields.Text(request, "description"));
    }
}
