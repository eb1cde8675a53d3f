using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Follows Claude Code's <c>--output-format stream-json</c> output line by line. Each line is parsed as a JSON
/// DOM (key order differs between versions); unknown event types are ignored; a line that is not JSON is counted
/// and skipped. Only a final <c>result</c> line that says success and not <c>is_error</c> makes a run successful.
/// </summary>
public sealed class ClaudeStreamParser(string workingDirectory)
{
    private readonly HashSet<string> messageIds = new(StringComparer.Ordinal);

    /// <summary>The session id from the <c>system/init</c> line.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The latest tool call, described for a person.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>Distinct model messages so far.</summary>
    public int Turns => messageIds.Count;

    /// <summary><c>system/api_retry</c> lines so far.</summary>
    public int ApiRetries { get; private set; }

    /// <summary>Lines that were not JSON objects.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>The final <c>result</c> line, once seen.</summary>
    public JsonElement? Result { get; private set; }

    /// <summary>Progress as it stands.</summary>
    public AgentProgress Progress => new(SessionId, CurrentStep, Turns, ApiRetries);

    /// <summary>Takes one line (without its newline); returns true if the progress changed.</summary>
    public bool Consume(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            MalformedLines++;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                MalformedLines++;
                return false;
            }

            return Dispatch(root);
        }
    }

    private bool Dispatch(JsonElement root)
    {
        switch (Text(root, "type"))
        {
            case "system":
                return OnSystem(root);
            case "assistant":
                return OnAssistant(root);
            case "result":
                Result = root.Clone();
                SessionId ??= Text(root, "session_id");
                return true;
            default:
                return false;
        }
    }

    private bool OnSystem(JsonElement root)
    {
        switch (Text(root, "subtype"))
        {
            case "init":
                SessionId = Text(root, "session_id") ?? SessionId;
                return true;
            case "api_retry":
                ApiRetries++;
                return true;
            default:
                return false;
        }
    }

    private bool OnAssistant(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var changed = Text(message, "id") is { } id && messageIds.Add(id);
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (Text(block, "type") == "tool_use" && Text(block, "name") is { } tool)
                {
                    CurrentStep = ToolSteps.Describe(tool, block.TryGetProperty("input", out var input) ? input : default, workingDirectory);
                    changed = true;
                }
            }
        }

        return changed;
    }

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
