using System.Text;
using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// Follows gemini-cli's <c>--output-format stream-json</c> output line by line. The answer is the last run of
/// assistant messages (their delta chunks joined), so text written before a tool call is not part of it, as with
/// Claude's result. Only a final <c>result</c> line whose status is success makes a run successful. Unknown events
/// are ignored; a line that is not a JSON object is counted and skipped.
/// </summary>
public sealed class GeminiStreamParser(string workingDirectory, IToolCallObserver? tools = null)
{
    private readonly StringBuilder text = new();
    private bool inModelResponse;
    private bool inAssistantText;

    /// <summary>The session id from the <c>init</c> line.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The model named by the <c>init</c> line (often <c>auto</c>).</summary>
    public string? Model { get; private set; }

    /// <summary>The latest tool call, described for a person.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>Model responses so far (a run of assistant text and tool calls between tool results).</summary>
    public int Turns { get; private set; }

    /// <summary>Lines that were not JSON objects.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>The answer so far: the latest run of assistant text.</summary>
    public string Text => text.ToString();

    /// <summary>The final <c>result</c> line, once seen.</summary>
    public JsonElement? Result { get; private set; }

    /// <summary>Progress as it stands.</summary>
    public AgentProgress Progress => new(SessionId, CurrentStep, Turns, 0);

    /// <summary>Takes one line (without its newline); returns true if the progress changed.</summary>
    public bool Consume(ReadOnlySpan<byte> line)
    {
        if (JsonEventLine.Parse(line, Dispatch) is { } changed)
        {
            return changed;
        }

        MalformedLines++;
        return false;
    }

    private bool Dispatch(JsonElement root)
    {
        switch (JsonFields.Text(root, "type"))
        {
            case "init":
                SessionId = JsonFields.Text(root, "session_id") ?? SessionId;
                Model = JsonFields.Text(root, "model") ?? Model;
                return true;
            case "message" when JsonFields.Text(root, "role") == "assistant":
                return OnAssistantText(root);
            case "message" or "tool_result":
                if (JsonFields.Text(root, "type") == "tool_result" && JsonFields.Text(root, "tool_id") is { } resultOf)
                {
                    tools?.Ended(resultOf, JsonFields.Text(root, "status") != "success");
                }

                inModelResponse = false;
                inAssistantText = false;
                return false;
            case "tool_use":
                StartResponse();
                inAssistantText = false;
                if (JsonFields.Text(root, "tool_id") is { } callId)
                {
                    tools?.Started(callId, JsonFields.Text(root, "tool_name") ?? "?");
                }

                CurrentStep = GeminiSteps.Describe(JsonFields.Text(root, "tool_name") ?? "?", JsonFields.Child(root, "parameters"), workingDirectory);
                return true;
            case "result":
                Result = root.Clone();
                return true;
            default:
                return false;
        }
    }

    private bool OnAssistantText(JsonElement root)
    {
        var started = StartResponse();
        if (!inAssistantText || !JsonFields.Flag(root, "delta"))
        {
            // A new run of text, or a whole message rather than a chunk of one.
            text.Clear();
        }

        inAssistantText = true;
        text.Append(JsonFields.Text(root, "content"));
        return started;
    }

    private bool StartResponse()
    {
        if (inModelResponse)
        {
            return false;
        }

        inModelResponse = true;
        Turns++;
        return true;
    }
}
