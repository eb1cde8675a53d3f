namespace Baton.Core.Storage;

/// <summary>Open interactions of one kind, and when the oldest was opened.</summary>
/// <param name="Kind">The interaction's kind (<c>permission</c>, <c>question</c>, ...).</param>
/// <param name="Count">How many are open.</param>
/// <param name="OldestOpenedAt">When the longest-waiting one was opened.</param>
public sealed record OpenInteractionCount(string Kind, long Count, DateTimeOffset OldestOpenedAt);
