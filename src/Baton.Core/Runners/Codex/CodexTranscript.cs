using System.Text.Json;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Renders <c>codex exec --json</c> lines as a transcript a person can read: the agent's messages, each action in a
/// few words, shortened command output, warnings, and how each turn ended. Lines it does not know are left out;
/// lines that are not JSON (stderr, Baton's own notices) are shown as they are.
/// </summary>
public static class CodexTranscript
{
    private const int MaxOutput = 300;

    /// <summary>The transcript lines for one line of output, or none.</summary>
    public static IEnumerable<string> Render(string line, string workingDirectory)
    {
        if (line.Length == 0 || line[0] != '{')
        {
            return line.Length == 0 ? [] : [line];
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return [.. RenderEvent(document.RootElement, workingDirectory)];
        }
        catch (JsonException)
        {
            return [line];
        }
    }

    private static IEnumerable<string> RenderEvent(JsonElement e, string workingDirectory)
    {
        var item = CodexJson.Child(e, "item");
        switch (CodexJson.Text(e, "type"))
        {
            case "thread.started":
                yield return $"── thread {CodexJson.Text(e, "thread_id")}";
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
            case "turn.completed":
                var usage = CodexJson.Child(e, "usage");
                yield return $"── turn completed ({CodexJson.Count(usage, "input_tokens")} input tokens, "
                    + $"{CodexJson.Count(usage, "cached_input_tokens")} cached, {CodexJson.Count(usage, "output_tokens")} output, "
                    + $"{CodexJson.Count(usage, "reasoning_output_tokens")} reasoning)";
                break;
            case "turn.failed":
                yield return $"── turn failed: {CodexResultReader.Describe(CodexJson.Text(CodexJson.Child(e, "error"), "message") ?? "?")}";
                break;
            case "error":
                yield return $"!! error: {CodexResultReader.Describe(CodexJson.Text(e, "message") ?? "?")}";
                break;
        }
    }

    private static IEnumerable<string> Completed(JsonElement item, string workingDirectory)
    {
        switch (CodexJson.Text(item, "type"))
        {
            case "agent_message":
                yield return $"assistant: {CodexJson.Text(item, "text")}";
                break;
            case "reasoning":
                yield return $"  (thinking) {Shorten(CodexJson.Text(item, "text") ?? string.Empty)}";
                break;
            case "error":
                yield return $"!! {CodexJson.Text(item, "message")}";
                break;
            case "command_execution":
                var failed = CodexJson.Child(item, "exit_code") is { ValueKind: JsonValueKind.Number } code && code.GetInt32() != 0;
                var output = Shorten(CodexJson.Text(item, "aggregated_output") ?? string.Empty);
                yield return failed ? $"  ✗ exit {CodexJson.Count(item, "exit_code")}: {output}" : $"  ← {output}";
                break;
            case "mcp_tool_call":
                var error = CodexJson.Child(item, "error");
                yield return error.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                    ? $"  ← {Shorten(CodexJson.Child(item, "result").ValueKind == JsonValueKind.Undefined ? string.Empty : CodexJson.Child(item, "result").GetRawText())}"
                    : $"  ✗ {Shorten(CodexJson.Text(error, "message") ?? error.GetRawText())}";
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
