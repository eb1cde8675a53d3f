namespace Baton.Core.Runners.Agents;

/// <summary>What a transcript line is, so a page can show each kind its own way and fold the long ones.</summary>
public enum TranscriptKind
{
    /// <summary>Anything else: a line that is not an agent event (stderr, Baton's notices, a command's output).</summary>
    Output,

    /// <summary>The session or thread starting, with its model.</summary>
    Session,

    /// <summary>The assistant's text.</summary>
    Assistant,

    /// <summary>A message in the user's role (a follow-up, a person's message).</summary>
    User,

    /// <summary>The agent's reasoning, shortened.</summary>
    Thinking,

    /// <summary>A tool call, in a few words.</summary>
    ToolCall,

    /// <summary>A tool's result, shortened.</summary>
    ToolResult,

    /// <summary>A tool call that failed.</summary>
    ToolError,

    /// <summary>A question or approval the agent asked for.</summary>
    Request,

    /// <summary>An error or warning: model API retries, refused permissions, failed turns.</summary>
    Error,

    /// <summary>Tokens used by a turn.</summary>
    Usage,

    /// <summary>The final result, with turns and cost.</summary>
    Result,
}
