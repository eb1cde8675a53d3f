using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Core.Application.Views;

/// <summary>Builds the pollers' views of a task: its status with progress and estimate, and its result.</summary>
public static class TaskStatusViews
{
    /// <summary>
    /// The status of a task. <paramref name="typical"/> is how long earlier runs of tasks of the same name took (null
    /// without history): a running task is that far along, a waiting one needs all of it.
    /// </summary>
    public static TaskStatusView Of(TaskDetails details, TimeSpan? typical, DateTimeOffset now)
    {
        var (task, attempts) = (details.Task, details.Attempts);
        var view = Views.Of(task, attempts);
        var remaining = Remaining(task, attempts, typical, now);
        return new TaskStatusView
        {
            TaskId = task.Id,
            Name = task.Definition.Name,
            Status = view.Status,
            Progress = (view.Progress ?? new ProgressView()) with
            {
                Percent = Percent(task, attempts, typical, now),
                EstimatedTimeRemaining = remaining is { } left ? (long)Math.Ceiling(left.TotalSeconds) : null,
            },
            CreatedAt = task.CreatedAt,
            StartedAt = task.StartedAt,
            CompletedAt = task.CompletedAt,
            EstimatedCompletion = remaining is { } r && !task.Status.IsTerminal() ? now + r : null,
            NextAttemptAt = view.NextAttemptAt,
            Blocked = task.Blocked,
            CancelRequested = task.CancelRequested,
            WorkflowId = task.Definition.WorkflowId,
            PhaseId = task.Definition.PhaseId,
            AttemptCount = task.AttemptCount,
            MaxRetries = task.Definition.MaxRetries,
            Error = task.Error,
            PermissionDenials = task.PermissionDenials,
            Notice = task.Notice,
            Tokens = view.Tokens,
            CostUsd = view.CostUsd,
            CostEstimated = view.CostEstimated,
            Attempts = view.Attempts ?? [],
        };
    }

    /// <summary>The result of a task (meaningful once it ended).</summary>
    public static TaskResultView ResultOf(TaskDetails details)
    {
        var (task, attempts) = (details.Task, details.Attempts);
        var last = attempts.Count > 0 ? attempts[^1] : null;
        var hasResult = task.Status == TaskState.Completed && task.Result is not null;
        return new TaskResultView
        {
            TaskId = task.Id,
            Status = task.Status.ToWire(),
            Result = hasResult ? task.Result : null,
            ResultType = !hasResult ? null : task.Definition.Runner == CommandRunner.RunnerName ? "stdout" : "summary",
            Error = task.Error,
            PermissionDenials = task.PermissionDenials,
            Notice = task.Notice,
            ExitCode = last?.ExitCode,
            FilesChanged = last?.Details?.FilesChanged ?? [],
            Commits = last?.Details?.Commits ?? [],
            Tokens = Views.Tokens(attempts),
            CostUsd = Views.Cost(attempts),
            CostEstimated = Views.Estimated(attempts),
            CompletedAt = task.CompletedAt,
        };
    }

    private static int? Percent(TaskRecord task, IReadOnlyList<Attempts.AttemptRecord> attempts, TimeSpan? typical, DateTimeOffset now) => task.Status switch
    {
        TaskState.Completed => 100,
        _ when task.Status.IsTerminal() => null,
        TaskState.Running when Reported(task, attempts) is { } report => report.Percent,
        TaskState.Running when typical is { } t && t > TimeSpan.Zero && task.StartedAt is { } started =>
            (int)Math.Clamp(100 * (now - started) / t, 0, 99),
        _ when typical is not null && task.StartedAt is null => 0,
        _ => null,
    };

    private static TimeSpan? Remaining(TaskRecord task, IReadOnlyList<Attempts.AttemptRecord> attempts, TimeSpan? typical, DateTimeOffset now)
    {
        if (task.Status == TaskState.Completed)
        {
            return TimeSpan.Zero;
        }

        if (task.Status.IsTerminal())
        {
            return null;
        }

        // An agent that says how far along it is knows better than history: the rest takes as long again, in proportion.
        if (Reported(task, attempts) is { Percent: > 0 and var percent })
        {
            var elapsed = now - attempts[^1].StartedAt;
            return elapsed <= TimeSpan.Zero ? TimeSpan.Zero : elapsed * (100 - percent) / percent;
        }

        if (typical is not { } duration)
        {
            return null;
        }

        var spent = task.Status == TaskState.Running && task.StartedAt is { } started ? now - started : TimeSpan.Zero;
        return spent < duration ? duration - spent : TimeSpan.Zero;
    }

    // The running attempt's own report, if its agent gave one.
    private static Attempts.AgentReport? Reported(TaskRecord task, IReadOnlyList<Attempts.AttemptRecord> attempts) =>
        task.Status == TaskState.Running && attempts.Count > 0 ? attempts[^1].Report : null;
}
