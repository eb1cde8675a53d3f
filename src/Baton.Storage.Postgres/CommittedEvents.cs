using Baton.Core.Events;

namespace Baton.Storage.Postgres;

/// <summary>
/// The last few thousand events this process committed to one database, by id, so that the daemon's followers
/// of the log (SSE, MCP resource updates, hooks) read its own commits from memory instead of querying them back.
/// Only committed events get here; an id another process wrote is simply absent, and a reader that reaches it reads
/// the log; so is one committed here but not yet published (writers of one process commit concurrently), and a
/// gap a rolled-back transaction left in the sequence.
/// </summary>
internal sealed class CommittedEvents
{
    private const int Capacity = 4096;
    private readonly EventRecord?[] ring = new EventRecord?[Capacity];
    private readonly Lock gate = new();

    /// <summary>Adds events that just committed.</summary>
    public void Publish(IReadOnlyList<EventRecord> events)
    {
        lock (gate)
        {
            foreach (var record in events)
            {
                ring[record.Id % Capacity] = record;
            }
        }
    }

    /// <summary>See <see cref="Core.Storage.IEventStore.ReadRecent"/>.</summary>
    public RecentEvents? Read(long afterId, EventFilter filter, int limit)
    {
        lock (gate)
        {
            if (!Holds(afterId + 1))
            {
                return null;
            }

            var found = new List<EventRecord>();
            var scanned = afterId;
            while (found.Count < limit && Holds(scanned + 1))
            {
                var record = ring[(scanned + 1) % Capacity]!;
                scanned = record.Id;
                if (filter.Matches(record))
                {
                    found.Add(record);
                }
            }

            return new RecentEvents(found, scanned);
        }
    }

    private bool Holds(long id) => ring[id % Capacity] is { } record && record.Id == id;
}
