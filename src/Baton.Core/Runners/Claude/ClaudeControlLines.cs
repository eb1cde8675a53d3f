using System.Text.Json.Nodes;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// The lines Baton writes to Claude Code's stdin with <c>--input-format stream-json</c>: control requests
/// (initialize, interrupt), control responses (a permission decision, or an error for a request Baton does not
/// handle) and user messages, one JSON object per line as the CLI reads them.
/// </summary>
internal static class ClaudeControlLines
{
    /// <summary>The handshake the CLI expects before the first message; no hooks are registered.</summary>
    public static string Initialize(string requestId) => Request(requestId, new JsonObject { ["subtype"] = "initialize", ["hooks"] = null });

    /// <summary>Asks the CLI to end its turn now (it answers with a result saying it was aborted).</summary>
    public static string Interrupt(string requestId) => Request(requestId, new JsonObject { ["subtype"] = "interrupt" });

    /// <summary>A user message: the prompt, or a message sent into the running turn (delivered at its next model request).</summary>
    public static string User(string text) => new JsonObject
    {
        ["type"] = "user",
        ["message"] = new JsonObject { ["role"] = "user", ["content"] = text },
        ["parent_tool_use_id"] = null,
        ["session_id"] = string.Empty,
    }.ToJsonString();

    /// <summary>Lets the tool run with <paramref name="input"/>, remembering <paramref name="permissions"/> if given.</summary>
    public static string Allow(string requestId, JsonNode input, JsonArray? permissions)
    {
        var decision = new JsonObject { ["behavior"] = "allow", ["updatedInput"] = input };
        if (permissions is { Count: > 0 })
        {
            decision["updatedPermissions"] = permissions;
        }

        return Success(requestId, decision);
    }

    /// <summary>Refuses the tool; the model sees <paramref name="message"/> as the tool's error result.</summary>
    public static string Deny(string requestId, string message) =>
        Success(requestId, new JsonObject { ["behavior"] = "deny", ["message"] = message });

    /// <summary>Tells the CLI that Baton does not handle a request of this kind, so it does not wait for an answer.</summary>
    public static string Error(string requestId, string error) => new JsonObject
    {
        ["type"] = "control_response",
        ["response"] = new JsonObject { ["subtype"] = "error", ["request_id"] = requestId, ["error"] = error },
    }.ToJsonString();

    private static string Success(string requestId, JsonObject response) => new JsonObject
    {
        ["type"] = "control_response",
        ["response"] = new JsonObject { ["subtype"] = "success", ["request_id"] = requestId, ["response"] = response },
    }.ToJsonString();

    private static string Request(string requestId, JsonObject request) => new JsonObject
    {
        ["type"] = "control_request",
        ["request_id"] = requestId,
        ["request"] = request,
    }.ToJsonString();
}
