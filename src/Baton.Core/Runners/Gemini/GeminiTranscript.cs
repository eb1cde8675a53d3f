using System.Text.Json;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// Renders gemini-cli's stream-json lines as a transcript a person can read: the prompt, the assistant's text (one
/// line per streamed chunk), each tool call in a few words, shortened tool results, warnings and the final result.
/// Lines it does not know are left out; lines that are not JSON (stderr, Baton's own notices) are shown as they are.
/// </summary>
public static class GeminiTranscript
{
    private const int MaxToolResult = 300;

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
        switch (GeminiJson.Text(e, "type"))
        {
            case "init":
                yield return $"── session {GeminiJson.Text(e, "session_id")} · model {GeminiJson.Text(e, "model")}";
                break;
            case "message":
                yield return $"{GeminiJson.Text(e, "role")}: {GeminiJson.Text(e, "content")}";
                break;
            case "tool_use":
                yield return $"  → {GeminiSteps.Describe(GeminiJson.Text(e, "tool_name") ?? "?", GeminiJson.Child(e, "parameters"), workingDirectory)}";
                break;
            case "tool_result":
                yield return GeminiJson.Text(e, "status") == "success"
                    ? $"  ← {(Shorten(GeminiJson.Text(e, "output") ?? string.Empty) is { Length: > 0 } output ? output : "(no output)")}"
                    : $"  ✗ {Shorten(GeminiJson.Text(GeminiJson.Child(e, "error"), "message") ?? GeminiJson.Text(e, "output") ?? string.Empty)}";
                break;
            case "error":
                yield return $"!! {GeminiJson.Text(e, "severity") ?? "error"}: {GeminiJson.Text(e, "message")}";
                break;
            case "result":
                var stats = GeminiJson.Child(e, "stats");
                var outcome = GeminiResultReader.Succeeded(e)
                    ? "success"
                    : "failed: " + (GeminiResultReader.ErrorMessage(e) ?? GeminiJson.Text(e, "status"));
                yield return $"── result: {outcome} ({GeminiJson.Count(stats, "tool_calls")} tool calls, "
                    + $"{GeminiJson.Count(stats, "total_tokens")} tokens, {GeminiJson.Count(stats, "duration_ms")} ms)";
                break;
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ⏎ ").Trim();
        return oneLine.Length <= MaxToolResult ? oneLine : oneLine[..MaxToolResult] + " …";
    }
}
