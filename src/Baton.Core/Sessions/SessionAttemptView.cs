namespace Baton.Core.Sessions;

/// <summary>
/// One attempt that ran in a session: its task, number, status, times, tokens and cost; <see cref="CostEstimated"/> is
/// true when Baton priced the tokens itself (the CLI reported no cost), null otherwise.
/// </summary>
public sealed record SessionAttemptView(
    string TaskId,
    string TaskName,
    int Number,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long InputTokens,
    long OutputTokens,
    decimal? CostUsd,
    bool? CostEstimated);
