namespace Baton.Core.Runners.Agents;

/// <summary>Tokens one model used in a run, and its cost where the CLI reports one.</summary>
public sealed record ModelUsage(long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens, decimal? CostUsd);

/// <summary>A tool call refused for want of permission.</summary>
public sealed record PermissionDenial(string ToolName, string Input);
