namespace Baton.Core.Storage;

/// <summary>How one agent's tasks that ended in a window went, and what their attempts used.</summary>
/// <param name="Agent">The agent definition's name.</param>
/// <param name="Runs">Tasks that ended (completed, failed, timed out or cancelled).</param>
/// <param name="Succeeded">Tasks that completed.</param>
/// <param name="Failed">Tasks that failed or timed out.</param>
/// <param name="CostUsd">Cost of their attempts, where reported or estimated.</param>
/// <param name="InputTokens">Input tokens over their attempts and models.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CacheReadTokens">Tokens read from the prompt cache.</param>
/// <param name="CacheWriteTokens">Tokens written to the prompt cache.</param>
public sealed record AgentRunStats(
    string Agent, int Runs, int Succeeded, int Failed, decimal CostUsd, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens);
