using Baton.Core.Errors;
using Baton.Core.Schedules;
using Baton.Core.Storage;

namespace Baton.Core.Application;

/// <summary>
/// The application layer for schedules: the CLI, REST, MCP and the dashboard call this, so rules and messages are the
/// same everywhere. Schedules live in the store; the <see cref="Scheduler"/> on one node of the cluster fires them.
/// </summary>
public sealed class ScheduleService(IScheduleStore store, ScheduleFirer firer, ScheduleTaskFactory build, TimeProvider time, ScheduleWorkflows? workflows = null)
{
    /// <summary>The most occurrences <see cref="Next"/> lists.</summary>
    public const int MaxNext = 1000;

    /// <summary>The most occurrences a history page holds.</summary>
    public const int MaxHistory = 10_000;

    /// <summary>Checks and adds a schedule; its task or workflow is built once now, so a typo in it is refused at once.</summary>
    public async Task<ScheduleRecord> AddAsync(ScheduleSpec spec, string? createdBy, CancellationToken cancellationToken = default)
    {
        var definition = ScheduleDefinition.From(spec);
        if (spec.Workflow is { } workflow)
        {
            var check = workflows ?? throw new BatonException(ErrorKind.Unavailable, "schedules of workflows cannot be added here");
            await check.CheckAsync(workflow, createdBy, cancellationToken);
        }
        else if (spec.Task is { } task)
        {
            if (task.DependsOn is { Count: > 0 } || task.IdempotencyKey is not null)
            {
                throw BatonException.Invalid("a schedule's task cannot depend on other tasks or carry an idempotency key: each occurrence queues a task of its own");
            }

            build(task with { CreatedBy = createdBy });
        }
        var now = time.GetUtcNow();
        var schedule = new ScheduleRecord(definition, now, createdBy, new ScheduleState(false, null, null, null, 0));
        schedule = schedule with { State = schedule.State with { NextAt = schedule.FirstFrom(now) } };
        if (!await store.AddAsync(schedule, cancellationToken))
        {
            throw BatonException.Conflict($"a schedule named '{spec.Name}' exists already; remove it first ('baton schedule remove {spec.Name}') or pick another name");
        }

        return schedule;
    }

    /// <summary>Every schedule, by name.</summary>
    public Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>The schedule of this name; throws not found.</summary>
    public async Task<ScheduleRecord> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await store.GetAsync(name, cancellationToken) ?? throw NotFound(name);

    /// <summary>The next <paramref name="count"/> occurrences (none while paused or once over).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> NextAsync(string name, int count, CancellationToken cancellationToken = default) =>
        Next(await GetAsync(name, cancellationToken), count);

    /// <summary>The next <paramref name="count"/> occurrences of <paramref name="schedule"/> from its state.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(ScheduleRecord schedule, int count)
    {
        if (count is < 1 or > MaxNext)
        {
            throw BatonException.Invalid($"count must be between 1 and {MaxNext} (got {count})");
        }

        var next = new List<DateTimeOffset>();
        var at = schedule.State.Paused ? null : schedule.State.NextAt;
        while (at is { } occurrence && next.Count < count)
        {
            next.Add(occurrence);
            at = schedule.NextAfter(occurrence);
        }

        return next;
    }

    /// <summary>Pauses a schedule: it fires nothing until resumed.</summary>
    public async Task<ScheduleRecord> PauseAsync(string name, string? note, CancellationToken cancellationToken = default)
    {
        var schedule = await GetAsync(name, cancellationToken);
        if (schedule.State.Paused)
        {
            return schedule;
        }

        var paused = ScheduleEvents.ForPaused(name, note, byFailures: false, schedule.CreatedBy, time.GetUtcNow());
        return await store.SetPausedAsync(name, paused: true, note, null, paused, cancellationToken) ?? throw NotFound(name);
    }

    /// <summary>Resumes a schedule from now: what fell while it was paused is not run, and its run of failures starts afresh.</summary>
    public async Task<ScheduleRecord> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        var schedule = await GetAsync(name, cancellationToken);
        if (!schedule.State.Paused)
        {
            return schedule;
        }

        return await store.SetPausedAsync(name, paused: false, null, schedule.FirstFrom(time.GetUtcNow()), null, cancellationToken) ?? throw NotFound(name);
    }

    /// <summary>Fires the schedule now, by hand (paused or not), beside its planned occurrences.</summary>
    public async Task<OccurrenceRecord> TriggerAsync(string name, string? by, CancellationToken cancellationToken = default)
    {
        var schedule = await GetAsync(name, cancellationToken);
        var step = new PlannedStep(time.GetUtcNow(), OccurrenceOutcome.Fired, by is null ? "triggered by hand" : $"triggered by {by}");
        return await firer.RecordAsync(schedule, step, schedule.State, [], manual: true, cancellationToken)
            ?? throw BatonException.Conflict($"schedule '{name}' was triggered at this very millisecond already; try again");
    }

    /// <summary>Removes a schedule and its history; the tasks it queued stay.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await store.RemoveAsync(name, cancellationToken))
        {
            throw NotFound(name);
        }
    }

    /// <summary>The schedule's occurrences, newest first.</summary>
    public async Task<IReadOnlyList<OccurrenceRecord>> HistoryAsync(string name, int limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxHistory)
        {
            throw BatonException.Invalid($"limit must be between 1 and {MaxHistory} (got {limit})");
        }

        await GetAsync(name, cancellationToken);
        return await store.HistoryAsync(name, limit, cancellationToken);
    }

    private static BatonException NotFound(string name) =>
        BatonException.NotFound($"there is no schedule named '{name}' (see 'baton schedule list')");
}
