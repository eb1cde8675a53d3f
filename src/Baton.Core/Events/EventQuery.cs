namespace Baton.Core.Events;

/// <summary>A page of the log: the events after <paramref name="AfterId"/> that pass <paramref name="Filter"/>, oldest first.</summary>
public sealed record EventQuery(long AfterId, EventFilter Filter, int Limit = 500);
