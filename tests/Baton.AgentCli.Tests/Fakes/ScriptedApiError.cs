namespace Baton.AgentCli.Tests.Fakes;

/// <summary>An HTTP error answered instead of a message, with Anthropic's error body.</summary>
/// <param name="Status">The HTTP status. Claude Code retries 401, 429 and 5xx with backoff (CLAUDE_CODE_MAX_RETRIES).</param>
/// <param name="Type">The <c>error.type</c>, e.g. <c>invalid_request_error</c>.</param>
/// <param name="Message">The <c>error.message</c>.</param>
/// <param name="Times">
/// How many requests this error answers before the next scripted turn is used; null answers every later request.
/// Claude Code 2.1.330 re-sends a request that got a 400 up to five times with fewer beta features (six requests
/// in all), so a one-shot 400 would be followed by the next turn rather than surface as an error.
/// </param>
internal sealed record ScriptedApiError(int Status, string Type, string Message, int? Times = null);
