using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Schedules;

/// <summary>
/// The cluster's scheduler, run by the holder of the <c>scheduler</c> duty: at each turn it counts the outcomes of
/// ended runs (pausing a schedule after too many failures in a row), plans every schedule's due occurrences and
/// records them. It sleeps until the soonest next occurrence, and at most <see cref="PollInterval"/>, so schedules
/// added or resumed on any node are seen within that time.
/// </summary>
public sealed partial class Scheduler(IScheduleStore store, ScheduleFirer firer, TimeProvider time, ILogger<Scheduler> logger)
{
    /// <summary>The longest sleep between turns.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Turns until <paramref name="cancellationToken"/> fires (the lease was lost or the node stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var soonest = await TurnAsync(cancellationToken);
            var wait = soonest is { } at ? at - time.GetUtcNow() : PollInterval;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > PollInterval ? PollInterval : wait;
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>One turn over every schedule; the soonest next occurrence of them all.</summary>
    public async Task<DateTimeOffset?> TurnAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset? soonest = null;
        foreach (var schedule in await store.ListAsync(cancellationToken))
        {
            var next = await TurnAsync(schedule, cancellationToken);
            if (next is { } at && (soonest is null || at < soonest))
            {
                soonest = at;
            }
        }

        return soonest;
    }

    private async Task<DateTimeOffset?> TurnAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        var (running, streak) = await SettleAsync(schedule, cancellationToken);
        if (schedule.State.Paused || streak < 0)
        {
            return null;
        }

        var plan = SchedulePlanner.Plan(schedule, time.GetUtcNow(), running.Count > 0);
        var steps = plan.Steps.OrderBy(s => s.PlannedAt).ToList();
        var recordedBefore = false;
        for (var i = 0; i < steps.Count; i++)
        {
            // Each record moves the schedule only to the next step, so a crash part way leaves the rest to plan again.
            var nextAt = i + 1 < steps.Count ? steps[i + 1].PlannedAt : plan.NextAt;
            var state = schedule.State with { NextAt = nextAt, BufferedAt = plan.BufferedAt, FailureStreak = streak };
            var recorded = await firer.RecordAsync(schedule, steps[i], state, running, manual: false, cancellationToken);
            if (recorded is not null)
            {
                LogRecorded(logger, schedule.Name, recorded.PlannedAt, recorded.Outcome.ToWire(), recorded.Reason ?? "");
            }
            else
            {
                // Another node (or this one before a restart) recorded it: the schedule still moves past it.
                recordedBefore = true;
            }
        }

        if (recordedBefore || (steps.Count == 0 && (plan.NextAt != schedule.State.NextAt || plan.BufferedAt != schedule.State.BufferedAt)))
        {
            await store.SaveProgressAsync(schedule.Name, plan.NextAt, plan.BufferedAt, cancellationToken);
        }

        return plan.NextAt;
    }

    /// <summary>
    /// Counts the ended runs not yet counted: a completed one ends the run of failures, a failed or timed-out one
    /// adds to it, a cancelled one neither. The runs still going, and the streak (-1 when this paused the schedule).
    /// </summary>
    private async Task<(IReadOnlyList<OccurrenceRecord> Running, int Streak)> SettleAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        var unsettled = await store.UnsettledAsync(schedule.Name, cancellationToken);
        var running = new List<OccurrenceRecord>();
        var ended = new List<DateTimeOffset>();
        var streak = schedule.State.FailureStreak;
        string? lastFailed = null;
        foreach (var run in unsettled)
        {
            var (going, completed, failed) = run.WorkflowId is not null ? WorkflowRun(run.WorkflowStatus) : TaskRun(run.TaskStatus);
            if (going)
            {
                running.Add(run);
                continue;
            }

            ended.Add(run.PlannedAt);
            if (completed)
            {
                streak = 0;
            }
            else if (failed)
            {
                streak++;
                lastFailed = run.WorkflowId is { } workflowId ? $"workflow {workflowId}" : $"task {run.TaskId}";
            }
        }

        if (ended.Count == 0)
        {
            return (running, streak);
        }

        var limit = schedule.Definition.Policies.PauseOnFailure;
        var pause = limit is { } n && streak >= n && !schedule.State.Paused && lastFailed is not null;
        var note = pause ? $"paused after {streak} failed run{(streak == 1 ? "" : "s")} in a row (the last: {lastFailed}); 'baton schedule resume {schedule.Name}' starts it again" : null;
        await store.SettleAsync(schedule.Name, ended, streak, note,
            pause ? ScheduleEvents.ForPaused(schedule.Name, note, byFailures: true, schedule.CreatedBy, time.GetUtcNow()) : null, cancellationToken);
        if (pause)
        {
            LogPausedByFailures(logger, schedule.Name, streak);
        }

        return (running, pause ? -1 : streak);
    }

    /// <summary>A task run: going until its status is final; a timeout counts as a failure.</summary>
    private static (bool Going, bool Completed, bool Failed) TaskRun(string? status) =>
        TaskStates.TryParse(status, out var state)
            ? (!state.IsTerminal(), state == TaskState.Completed, state is TaskState.Failed or TaskState.TimedOut)
            : (false, false, false);

    /// <summary>A workflow run, counted like a task: going until it completed, failed or was cancelled.</summary>
    private static (bool Going, bool Completed, bool Failed) WorkflowRun(string? status) =>
        status is not null && WorkflowStates.TryParse(status, out var state)
            ? (!state.IsEnded(), state == WorkflowState.Completed, state == WorkflowState.Failed)
            : (false, false, false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule}: the occurrence of {PlannedAt:O} {Outcome} {Reason}")]
    private static partial void LogRecorded(ILogger logger, string schedule, DateTimeOffset plannedAt, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule} paused itself after {Failures} failed runs in a row")]
    private static partial void LogPausedByFailures(ILogger logger, string schedule, int failures);
}
