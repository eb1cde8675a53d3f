namespace Baton.Core.Events;

/// <summary>
/// Events a store could give from memory: those that passed the filter, and how far it looked (every event up to
/// <paramref name="ScannedThrough"/> was returned or left out by the filter; later ones may exist that it has not seen).
/// </summary>
public sealed record RecentEvents(IReadOnlyList<EventRecord> Events, long ScannedThrough);
