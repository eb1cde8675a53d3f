namespace Baton.Core.Application.Views;

/// <summary>One transcript entry: its kind and its text exactly as <c>baton task logs</c> prints it (plain text, never markup).</summary>
/// <param name="Kind">session, assistant, user, thinking, tool_call, tool_result, tool_error, request, error, usage, result or output.</param>
/// <param name="Text">The rendered text; it may hold several lines (an assistant's answer).</param>
public sealed record TranscriptEntryView(string Kind, string Text);
