using System.Text;
using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// Follows gemini-cli's ACP <c>session/update</c> notifications. The answer is the last run of agent message chunks
/// of the current prompt turn (text written before a tool call is not part of it, as in the headless runner); a
/// model response is counted when text or a tool call follows the prompt or a finished tool call.
/// </summary>
internal sealed class GeminiAcpUpdates(string workingDirectory)
{
    private readonly StringBuilder text = new();
    private bool inModelResponse;
    private bool inText;

    /// <summary>The session, once known.</summary>
    public string? SessionId { get; set; }

    /// <summary>The latest tool call, described for a person.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>Model responses so far.</summary>
    public int Turns { get; private set; }

    /// <summary>
    /// True once the current turn called a tool. Cancelling a turn after that can leave the model's function call in
    /// gemini's history without its result (gemini drops the request being answered), which the Gemini API refuses.
    /// </summary>
    public bool CalledTool { get; private set; }

    /// <summary>The answer so far: the latest run of agent text of the current turn.</summary>
    public string Text => text.ToString();

    /// <summary>Progress as it stands.</summary>
    public AgentProgress Progress => new(SessionId, CurrentStep, Turns, 0);

    /// <summary>A new prompt turn starts: its answer replaces the last one.</summary>
    public void StartTurn()
    {
        text.Clear();
        inModelResponse = false;
        inText = false;
        CalledTool = false;
    }

    /// <summary>Takes one update (the <c>update</c> object of a <c>session/update</c>); true if progress changed.</summary>
    public bool Apply(JsonElement update)
    {
        switch (JsonFields.Text(update, "sessionUpdate"))
        {
            case "agent_message_chunk":
                var started = StartResponse();
                if (!inText)
                {
                    text.Clear();
                }

                inText = true;
                text.Append(JsonFields.Text(JsonFields.Child(update, "content"), "text"));
                return started;
            case "agent_thought_chunk":
                return StartResponse();
            case "tool_call":
                return ToolCall(update);
            case "tool_call_update" when JsonFields.Text(update, "status") is "completed" or "failed":
                inModelResponse = false;
                inText = false;
                return false;
            default:
                return false;
        }
    }

    /// <summary>A tool call the agent announced or asks permission for; true if progress changed.</summary>
    public bool ToolCall(JsonElement toolCall)
    {
        StartResponse();
        inText = false;
        CalledTool = true;
        CurrentStep = Describe(toolCall, workingDirectory);
        return true;
    }

    /// <summary>
    /// A tool call in a few words: gemini's tool name (the part of the call id before <c>__</c>) and its title, which
    /// is the command line of a shell call and the path of a file tool.
    /// </summary>
    public static string Describe(JsonElement toolCall, string workingDirectory)
    {
        var title = StepText.FirstLine(JsonFields.Text(toolCall, "title") ?? string.Empty);
        var tool = ToolName(toolCall);
        var step = tool is null ? title : title.Length == 0 ? tool : $"{tool}: {StepText.Relative(title, workingDirectory)}";
        return step.Length <= 100 ? step : step[..97] + "...";
    }

    /// <summary>gemini's tool name from an ACP tool call (its ids are <c>tool__tool_timestamp_n</c>), else its kind.</summary>
    public static string? ToolName(JsonElement toolCall) =>
        JsonFields.Text(toolCall, "toolCallId") is { } id && id.IndexOf("__", StringComparison.Ordinal) is > 0 and var end
            ? id[..end]
            : JsonFields.Text(toolCall, "kind");

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
