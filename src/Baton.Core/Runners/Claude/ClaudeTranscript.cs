using System.Globalization;
using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Renders Claude Code's stream-json lines as a transcript a person can read: the assistant's text, each tool call
/// in a few words, shortened tool results, retries and the final result. Lines it does not know are left out;
/// lines that are not JSON (stderr, Baton's own notices) are shown as they are.
/// </summary>
public static class ClaudeTranscript
{
    private const int MaxToolResult = 300;

    /// <summary>The transcript lines for one line of output, or none.</summary>
    public static IEnumerable<string> Render(string line, string workingDirectory) =>
        TranscriptLines.Render(line, e => RenderEvent(e, workingDirectory));

    private static IEnumerable<string> RenderEvent(JsonElement e, string workingDirectory)
    {
        switch (JsonFields.Text(e, "type"))
        {
            case "system" when JsonFields.Text(e, "subtype") == "init":
                yield return $"── session {JsonFields.Text(e, "session_id")} · model {JsonFields.Text(e, "model")} · {JsonFields.Text(e, "cwd")}";
                break;
            case "system" when JsonFields.Text(e, "subtype") == "api_retry":
                yield return $"!! model API retry {Number(e, "attempt")}/{Number(e, "max_retries")} (status {Number(e, "error_status")}: {JsonFields.Text(e, "error")})";
                break;
            case "system" when JsonFields.Text(e, "subtype") == "permission_denied":
                yield return $"!! permission denied for {JsonFields.Text(e, "tool_name")}: {JsonFields.Text(e, "message")}";
                break;
            case "assistant":
                foreach (var block in Blocks(e))
                {
                    switch (JsonFields.Text(block, "type"))
                    {
                        case "text":
                            yield return $"assistant: {JsonFields.Text(block, "text")}";
                            break;
                        case "tool_use":
                            yield return $"  → {ToolSteps.Describe(JsonFields.Text(block, "name") ?? "?", block.TryGetProperty("input", out var input) ? input : default, workingDirectory)}";
                            break;
                    }
                }

                break;
            case "user":
                foreach (var block in Blocks(e).Where(b => JsonFields.Text(b, "type") == "tool_result"))
                {
                    var failed = block.TryGetProperty("is_error", out var flag) && flag.ValueKind == JsonValueKind.True;
                    yield return $"  {(failed ? "✗" : "←")} {Shorten(ResultText(block))}";
                }

                break;
            case "result":
                var ok = ClaudeResultReader.Succeeded(e);
                var cost = e.TryGetProperty("total_cost_usd", out var c) && c.TryGetDecimal(out var usd) ? $", ${usd.ToString("0.0000", CultureInfo.InvariantCulture)}" : string.Empty;
                yield return $"── result: {(ok ? "success" : "failed: " + ClaudeResultReader.DescribeFailure(e))} ({Number(e, "num_turns")} turns{cost})";
                break;
        }
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement e) =>
        e.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray()
            : [];

    private static string ResultText(JsonElement block) =>
        block.TryGetProperty("content", out var content) ? content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? string.Empty,
            JsonValueKind.Array => string.Join(" ", content.EnumerateArray().Select(part => JsonFields.Text(part, "text")).Where(t => t is not null)),
            _ => content.GetRawText(),
        } : string.Empty;

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ⏎ ").Trim();
        return oneLine.Length <= MaxToolResult ? oneLine : oneLine[..MaxToolResult] + " …";
    }

    private static string Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "?";
}
