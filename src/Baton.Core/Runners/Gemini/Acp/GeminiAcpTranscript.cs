using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// Renders what gemini-cli writes in ACP mode for a person: the session, the agent's text (one line per chunk), each
/// tool call and its result, permission requests, errors and the end of each prompt turn with its tokens. Baton's
/// own side (answers, steering) is in its notices beside these lines.
/// </summary>
internal static class GeminiAcpTranscript
{
    /// <summary>The transcript lines for one JSON-RPC message from gemini.</summary>
    public static IEnumerable<string> Render(JsonElement message, string workingDirectory)
    {
        var parameters = JsonFields.Child(message, "params");
        switch (JsonFields.Text(message, "method"))
        {
            case "session/update":
                return Update(JsonFields.Child(parameters, "update"), workingDirectory);
            case "session/request_permission":
                return [$"  ? permission: {GeminiAcpUpdates.Describe(JsonFields.Child(parameters, "toolCall"), workingDirectory)}"];
            case null:
                return Answer(message);
            default:
                return [];
        }
    }

    private static IEnumerable<string> Update(JsonElement update, string workingDirectory)
    {
        var text = JsonFields.Text(JsonFields.Child(update, "content"), "text");
        return JsonFields.Text(update, "sessionUpdate") switch
        {
            "agent_message_chunk" => [$"assistant: {text}"],
            "user_message_chunk" => [$"user: {text}"],
            "agent_thought_chunk" => [$"  (thinking) {StepText.FirstLine(text ?? string.Empty)}"],
            "tool_call" => [$"  → {GeminiAcpUpdates.Describe(update, workingDirectory)}"],
            "tool_call_update" when JsonFields.Text(update, "status") == "completed" =>
                [$"  ← {(Output(update) is { Length: > 0 } output ? output : "(no output)")}"],
            "tool_call_update" when JsonFields.Text(update, "status") == "failed" => [$"  ✗ {Output(update)}"],
            _ => [],
        };
    }

    private static IEnumerable<string> Answer(JsonElement message)
    {
        if (JsonFields.Child(message, "error") is { ValueKind: JsonValueKind.Object } error)
        {
            return [$"!! error: {JsonFields.Text(error, "message")}"];
        }

        var result = JsonFields.Child(message, "result");
        if (JsonFields.Text(result, "stopReason") is { } stopReason)
        {
            var tokens = JsonFields.Child(JsonFields.Child(JsonFields.Child(result, "_meta"), "quota"), "token_count");
            return [$"── turn ended: {stopReason} ({JsonFields.Count(tokens, "input_tokens")} input, {JsonFields.Count(tokens, "output_tokens")} output tokens)"];
        }

        return JsonFields.Text(result, "sessionId") is { } session ? [$"── session {session}"] : [];
    }

    private static string Output(JsonElement update)
    {
        var content = JsonFields.Child(update, "content");
        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var parts = content.EnumerateArray()
            .Select(item => JsonFields.Text(item, "type") == "diff"
                ? $"edited {JsonFields.Text(item, "path")}"
                : JsonFields.Text(JsonFields.Child(item, "content"), "text"))
            .OfType<string>();
        return GeminiTranscript.Shorten(string.Join(" ", parts));
    }
}
