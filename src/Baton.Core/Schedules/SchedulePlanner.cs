namespace Baton.Core.Schedules;

/// <summary>
/// The scheduler's decisions, with no clock or store of its own: which due occurrences fire, which are skipped by the
/// overlap policy, which were missed while no daemon ran (the misfire policy), and where the schedule goes next.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>At most this many past occurrences are looked at in one turn; older ones are passed over unrecorded.</summary>
    public const int MaxLookBack = 1000;

    /// <summary>The plan for <paramref name="schedule"/> at <paramref name="now"/>.</summary>
    /// <param name="schedule">The schedule and its state.</param>
    /// <param name="now">The clock.</param>
    /// <param name="running">Whether a run of the schedule is still going.</param>
    public static SchedulePlan Plan(ScheduleRecord schedule, DateTimeOffset now, bool running)
    {
        var state = schedule.State;
        if (state.Paused)
        {
            return new SchedulePlan([], state.NextAt, state.BufferedAt);
        }

        var policies = schedule.Definition.Policies;
        var steps = new List<PlannedStep>();
        var buffered = state.BufferedAt;
        if (buffered is { } waiting && !running)
        {
            steps.Add(new PlannedStep(waiting, OccurrenceOutcome.Fired, "it waited for the previous run to end"));
            buffered = null;
            running = true;
        }

        var (due, next) = Due(schedule, now);
        var late = due.Where(p => now - p > policies.MisfireGrace).ToList();
        var candidates = new List<(DateTimeOffset At, string? Reason)>();
        var catchUp = policies.Misfire switch
        {
            MisfirePolicy.Once => Math.Min(1, late.Count),
            MisfirePolicy.All => Math.Min(policies.CatchUpCap, late.Count),
            _ => 0,
        };
        for (var i = 0; i < late.Count; i++)
        {
            if (i >= late.Count - catchUp)
            {
                candidates.Add((late[i], "caught up after no daemon ran at its time"));
            }
            else
            {
                steps.Add(new PlannedStep(late[i], OccurrenceOutcome.Missed, $"no daemon ran at its time (misfire policy {policies.Misfire.ToWire()})"));
            }
        }

        candidates.AddRange(due.Skip(late.Count).Select(p => (p, (string?)null)));
        foreach (var (at, reason) in candidates)
        {
            if (!running)
            {
                steps.Add(new PlannedStep(at, OccurrenceOutcome.Fired, reason));
                running = true;
                continue;
            }

            switch (policies.Overlap)
            {
                case OverlapPolicy.AllowAll:
                    steps.Add(new PlannedStep(at, OccurrenceOutcome.Fired, reason));
                    break;
                case OverlapPolicy.CancelOther:
                    steps.Add(new PlannedStep(at, OccurrenceOutcome.Fired, reason ?? "the previous run was cancelled for it", CancelRunning: true));
                    break;
                case OverlapPolicy.BufferOne when buffered is null:
                    buffered = at;
                    break;
                case OverlapPolicy.BufferOne:
                    steps.Add(new PlannedStep(at, OccurrenceOutcome.Skipped, "the previous run is still going and one occurrence already waits for it"));
                    break;
                default:
                    steps.Add(new PlannedStep(at, OccurrenceOutcome.Skipped, "the previous run is still going"));
                    break;
            }
        }

        return new SchedulePlan(steps, next, buffered);
    }

    /// <summary>The occurrences due at <paramref name="now"/> (from the state's next one), and the first one after.</summary>
    private static (List<DateTimeOffset> Due, DateTimeOffset? Next) Due(ScheduleRecord schedule, DateTimeOffset now)
    {
        var due = new Queue<DateTimeOffset>();
        var next = schedule.State.NextAt;
        while (next is { } at && at <= now)
        {
            if (due.Count == MaxLookBack)
            {
                // A long outage with a tight interval: the oldest are dropped, the most recent kept.
                due.Dequeue();
            }

            due.Enqueue(at);
            next = schedule.NextAfter(at);
        }

        return ([.. due], next);
    }
}
