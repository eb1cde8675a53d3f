namespace Baton.Core.Sessions;

/// <summary>One attempt that ran in a session: its task, number, status, times, tokens and cost.</summary>
public sealed record SessionAttemptView(
    string TaskId,
    string TaskName,
    int Number,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long InputTokens,
    long OutputTokens,
    decimal? CostUsd);
