namespace Baton.Core.Application.Views;

/// <summary>Tokens used, summed over models (and, on a task, over its attempts).</summary>
public sealed record TokensView(long Input, long Output, long CacheRead, long CacheWrite);
