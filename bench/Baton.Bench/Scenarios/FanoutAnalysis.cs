using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;

namespace Baton.Bench.Scenarios;

/// <summary>
/// What the subscribers of the SSE fan-out scenario got, checked against each other and the log: whether all saw the
/// same ids in the same order, how far apart in time they got each event, and how late task.created reached the last.
/// </summary>
/// <param name="Delivered">Events received, over all subscribers.</param>
/// <param name="SameSequence">Null if every subscriber got the log's ids in order with no gap or repeat; otherwise why not.</param>
/// <param name="Spread">Per event seen by all: last subscriber's arrival minus the first's (ms).</param>
/// <param name="CreatedAtSlowest">Per task: its POST's 201 read → task.created at the slowest subscriber (ms, at least 0).</param>
/// <param name="CreatedEarly">Tasks whose task.created reached every subscriber before their 201 was read.</param>
internal sealed record FanoutAnalysis(long Delivered, string? SameSequence, Distribution Spread, Distribution CreatedAtSlowest, int CreatedEarly)
{
    public static FanoutAnalysis Of(
        IReadOnlyList<SseSubscriber> subscribers, IReadOnlyList<long> logIds, IReadOnlyDictionary<string, long> posted, TimeProvider time)
    {
        var delivered = subscribers.Sum(s => (long)s.Arrivals.Count);
        var sequence = CheckSequences(subscribers, logIds);

        // Arrival spans by id, over the events that every subscriber got (all of them, when the check passed).
        var first = new Dictionary<long, long>();
        var last = new Dictionary<long, long>();
        var seenBy = new Dictionary<long, int>();
        foreach (var arrival in subscribers.SelectMany(s => s.Arrivals))
        {
            first[arrival.Id] = first.TryGetValue(arrival.Id, out var f) ? Math.Min(f, arrival.At) : arrival.At;
            last[arrival.Id] = last.TryGetValue(arrival.Id, out var l) ? Math.Max(l, arrival.At) : arrival.At;
            seenBy[arrival.Id] = seenBy.GetValueOrDefault(arrival.Id) + 1;
        }

        var everywhere = seenBy.Where(p => p.Value == subscribers.Count).Select(p => p.Key).ToList();
        var spread = everywhere.Select(id => time.GetElapsedTime(first[id], last[id]).TotalMilliseconds).ToList();

        var created = new List<double>(posted.Count);
        foreach (var (eventId, taskId) in subscribers[0].CreatedTasks)
        {
            if (posted.TryGetValue(taskId, out var committed) && seenBy.GetValueOrDefault(eventId) == subscribers.Count)
            {
                created.Add(time.GetElapsedTime(committed, last[eventId]).TotalMilliseconds);
            }
        }

        return new FanoutAnalysis(
            delivered, sequence, Distribution.Of(spread), Distribution.Of(created.Select(c => Math.Max(0, c)).ToList()), created.Count(c => c < 0));
    }

    /// <summary>Each subscriber's ids must be exactly the log's, in order.</summary>
    private static string? CheckSequences(IReadOnlyList<SseSubscriber> subscribers, IReadOnlyList<long> logIds)
    {
        var wrong = new List<string>();
        for (var s = 0; s < subscribers.Count; s++)
        {
            var ids = subscribers[s].Arrivals;
            var at = 0;
            while (at < ids.Count && at < logIds.Count && ids[at].Id == logIds[at])
            {
                at++;
            }

            if (at < ids.Count || at < logIds.Count)
            {
                var got = at < ids.Count ? ids[at].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the end";
                var wanted = at < logIds.Count ? logIds[at].ToString(System.Globalization.CultureInfo.InvariantCulture) : "the end";
                wrong.Add($"subscriber {s}: {ids.Count} events, at #{at} got {got} where the log has {wanted}");
            }
        }

        return wrong.Count == 0 ? null : $"{wrong.Count} of {subscribers.Count} differ ({string.Join("; ", wrong.Take(3))})";
    }
}
