namespace Baton.Core.Runners.Agents;

/// <summary>
/// The kind of a rendered transcript line, read from the marks every renderer starts its lines with (<c>assistant:</c>,
/// <c>→</c> for a tool call, <c>←</c> and <c>✗</c> for results, <c>!!</c>, <c>??</c>, <c>──</c>), so that the text stays
/// exactly what <c>baton task logs</c> prints.
/// </summary>
public static class TranscriptKinds
{
    /// <summary>The kind of one rendered line.</summary>
    public static TranscriptKind Of(string line) => line switch
    {
        _ when line.StartsWith("── result:", StringComparison.Ordinal) => TranscriptKind.Result,
        _ when line.StartsWith("── turn completed", StringComparison.Ordinal) => TranscriptKind.Usage,
        _ when line.StartsWith("── turn failed", StringComparison.Ordinal) => TranscriptKind.Error,
        _ when line.StartsWith("── ", StringComparison.Ordinal) => TranscriptKind.Session,
        _ when line.StartsWith("assistant: ", StringComparison.Ordinal) || line.StartsWith("model: ", StringComparison.Ordinal) => TranscriptKind.Assistant,
        _ when line.StartsWith("user: ", StringComparison.Ordinal) => TranscriptKind.User,
        _ when line.StartsWith("  → ", StringComparison.Ordinal) => TranscriptKind.ToolCall,
        _ when line.StartsWith("  ← ", StringComparison.Ordinal) => TranscriptKind.ToolResult,
        _ when line.StartsWith("  ✗ ", StringComparison.Ordinal) => TranscriptKind.ToolError,
        _ when line.StartsWith("  (thinking) ", StringComparison.Ordinal) => TranscriptKind.Thinking,
        _ when line.StartsWith("!! ", StringComparison.Ordinal) => TranscriptKind.Error,
        _ when line.StartsWith("?? ", StringComparison.Ordinal) => TranscriptKind.Request,
        _ => TranscriptKind.Output,
    };

    /// <summary>The wire name of a kind: <c>tool_call</c>, <c>assistant</c>, ...</summary>
    public static string ToWire(this TranscriptKind kind) => kind switch
    {
        TranscriptKind.ToolCall => "tool_call",
        TranscriptKind.ToolResult => "tool_result",
        TranscriptKind.ToolError => "tool_error",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
