using System.Text.Json;

using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// Renders gemini-cli's stream-json lines as a transcript a person can read: the prompt, the assistant's text (one
/// line per streamed chunk), each tool call in a few words, shortened tool results, warnings and the final result.
/// Lines it does not know are left out; lines that are not JSON (stderr, Baton's own notices) are shown as they are.
/// gemini's ACP output (JSON-RPC, when people are in the loop) is rendered the same way, with its permission
/// requests and the end of each prompt turn.
/// </summary>
public static class GeminiTranscript
{
    private const int MaxToolResult = 300;

    /// <summary>The transcript lines for one line of output, or none.</summary>
    public static IEnumerable<string> Render(string line, string workingDirectory) =>
        TranscriptLines.Render(line, e => RenderEvent(e, workingDirectory));

    private static IEnumerable<string> RenderEvent(JsonElement e, string workingDirectory)
    {
        if (JsonFields.Text(e, "jsonrpc") is not null)
        {
            return Acp.GeminiAcpTranscript.Render(e, workingDirectory);
        }

        return RenderStreamEvent(e, workingDirectory);
    }

    /// <summary>A tool's output on one shortened line.</summary>
    internal static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ⏎ ").Trim();
        return oneLine.Length <= MaxToolResult ? oneLine : oneLine[..MaxToolResult] + " …";
    }

    private static IEnumerable<string> RenderStreamEvent(JsonElement e, string workingDirectory)
    {
        switch (JsonFields.Text(e, "type"))
        {
            case "init":
                yield return $"── session {JsonFields.Text(e, "session_id")} · model {JsonFields.Text(e, "model")}";
                break;
            case "message":
                yield return $"{JsonFields.Text(e, "role")}: {JsonFields.Text(e, "content")}";
                break;
            case "tool_use":
                yield return $"  → {GeminiSteps.Describe(JsonFields.Text(e, "tool_name") ?? "?", JsonFields.Child(e, "parameters"), workingDirectory)}";
                break;
            case "tool_result":
                yield return JsonFields.Text(e, "status") == "success"
                    ? $"  ← {(Shorten(JsonFields.Text(e, "output") ?? string.Empty) is { Length: > 0 } output ? output : "(no output)")}"
                    : $"  ✗ {Shorten(JsonFields.Text(JsonFields.Child(e, "error"), "message") ?? JsonFields.Text(e, "output") ?? string.Empty)}";
                break;
            case "error":
                yield return $"!! {JsonFields.Text(e, "severity") ?? "error"}: {JsonFields.Text(e, "message")}";
                break;
            case "result":
                var stats = JsonFields.Child(e, "stats");
                var outcome = GeminiResultReader.Succeeded(e)
                    ? "success"
                    : "failed: " + (GeminiResultReader.ErrorMessage(e) ?? JsonFields.Text(e, "status"));
                yield return $"── result: {outcome} ({JsonFields.Count(stats, "tool_calls")} tool calls, "
                    + $"{JsonFields.Count(stats, "total_tokens")} tokens, {JsonFields.Count(stats, "duration_ms")} ms)";
                break;
        }
    }
}
