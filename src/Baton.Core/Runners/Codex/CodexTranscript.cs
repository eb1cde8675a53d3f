using System.Text.Json;

using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Renders <c>codex exec --json</c> lines as a transcript a person can read: the agent's messages, each action in a
/// few words, shortened command output, warnings, and how each turn ended. Lines it does not know are left out;
/// lines that are not JSON (stderr, Baton's own notices) are shown as they are. <c>codex app-server</c> messages
/// are rendered as the exec events they stand for, and its requests for a person as what they ask.
/// </summary>
public static class CodexTranscript
{
    private const int MaxOutput = 300;

    /// <summary>The transcript lines for one line of output, or none.</summary>
    public static IEnumerable<string> Render(string line, string workingDirectory) =>
        TranscriptLines.Render(line, e => CodexAppServerEvents.IsAppServerMessage(e)
            ? RenderAppServer(e, workingDirectory)
            : RenderEvent(e, workingDirectory));

    private static IEnumerable<string> RenderAppServer(JsonElement message, string workingDirectory)
    {
        if (JsonFields.Text(message, "method") is { } method && JsonFields.Child(message, "id").ValueKind != JsonValueKind.Undefined)
        {
            yield return $"?? {CodexRequests.Describe(method, JsonFields.Child(message, "params"))}";
            yield break;
        }

        if (JsonFields.Text(JsonFields.Child(message, "error"), "message") is { } error && JsonFields.Text(message, "method") is null)
        {
            yield return $"!! error: {error}";
            yield break;
        }

        foreach (var translated in CodexAppServerEvents.Translate(message))
        {
            foreach (var rendered in RenderEvent(translated, workingDirectory))
            {
                yield return rendered;
            }
        }
    }

    private static IEnumerable<string> RenderEvent(JsonElement e, string workingDirectory)
    {
        var item = JsonFields.Child(e, "item");
        switch (JsonFields.Text(e, "type"))
        {
            case "thread.started":
                yield return $"── thread {JsonFields.Text(e, "thread_id")}";
                break;
            case "item.started" when CodexSteps.Describe(item, workingDirectory) is { } step:
                yield return $"  → {step}";
                break;
            case "item.completed":
                foreach (var rendered in Completed(item, workingDirectory))
                {
                    yield return rendered;
                }

                break;
            case "turn.completed" when JsonFields.Child(e, "usage").ValueKind != JsonValueKind.Object:
                yield return "── turn completed";
                break;
            case "turn.completed":
                var usage = JsonFields.Child(e, "usage");
                yield return $"── turn completed ({JsonFields.Count(usage, "input_tokens")} input tokens, "
                    + $"{JsonFields.Count(usage, "cached_input_tokens")} cached, {JsonFields.Count(usage, "output_tokens")} output, "
                    + $"{JsonFields.Count(usage, "reasoning_output_tokens")} reasoning)";
                break;
            case "turn.failed":
                yield return $"── turn failed: {CodexResultReader.Describe(JsonFields.Text(JsonFields.Child(e, "error"), "message") ?? "?")}";
                break;
            case "error":
                yield return $"!! error: {CodexResultReader.Describe(JsonFields.Text(e, "message") ?? "?")}";
                break;
        }
    }

    private static IEnumerable<string> Completed(JsonElement item, string workingDirectory)
    {
        switch (JsonFields.Text(item, "type"))
        {
            case "agent_message":
                yield return $"assistant: {JsonFields.Text(item, "text")}";
                break;
            case "reasoning":
                yield return $"  (thinking) {Shorten(JsonFields.Text(item, "text") ?? string.Empty)}";
                break;
            case "error":
                yield return $"!! {JsonFields.Text(item, "message")}";
                break;
            case "command_execution":
                var failed = JsonFields.Child(item, "exit_code") is { ValueKind: JsonValueKind.Number } code && code.GetInt32() != 0;
                var output = Shorten(JsonFields.Text(item, "aggregated_output") ?? string.Empty);
                yield return failed ? $"  ✗ exit {JsonFields.Count(item, "exit_code")}: {output}" : $"  ← {output}";
                break;
            case "mcp_tool_call":
                var error = JsonFields.Child(item, "error");
                yield return error.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                    ? $"  ← {Shorten(JsonFields.Child(item, "result").ValueKind == JsonValueKind.Undefined ? string.Empty : JsonFields.Child(item, "result").GetRawText())}"
                    : $"  ✗ {Shorten(JsonFields.Text(error, "message") ?? error.GetRawText())}";
                break;
            default:
                // Actions reported only once done (file changes, searches).
                if (CodexSteps.Describe(item, workingDirectory) is { } step)
                {
                    yield return $"  → {step}";
                }

                break;
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ⏎ ").Trim();
        if (oneLine.EndsWith('⏎'))
        {
            oneLine = oneLine[..^1].TrimEnd();
        }

        return oneLine.Length <= MaxOutput ? oneLine : oneLine[..MaxOutput] + " …";
    }
}
