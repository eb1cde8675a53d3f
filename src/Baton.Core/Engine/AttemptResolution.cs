using Baton.Core.Attempts;
using Baton.Core.Retry;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Engine;

/// <summary>
/// Decides, from how an attempt ended, the attempt's status and where its task goes next: completed, retried after
/// a backoff, failed, timed out, cancelled, or back to the queue. Pure: the caller supplies time and randomness.
/// </summary>
public static class AttemptResolution
{
    /// <summary>Builds the store update for an ended attempt.</summary>
    public static AttemptFinish Decide(
        Claim claim,
        string workerId,
        AttemptOutcome outcome,
        StopReason stopReason,
        DateTimeOffset now,
        RetryOptions retry,
        double unitRandom)
    {
        var task = claim.Task;
        var denials = outcome.Details?.PermissionDenials ?? [];
        var finish = new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = workerId,
            EndedAt = now,
            ExitCode = outcome.ExitCode,
            Signal = outcome.Signal,
            AttemptStatus = AttemptState.Failed,
            TaskStatus = TaskState.Failed,
            PermissionDenials = denials,
        };

        switch (stopReason)
        {
            case StopReason.Cancelled:
                return finish with { AttemptStatus = AttemptState.Cancelled, TaskStatus = TaskState.Cancelled, Error = "cancelled" };
            case StopReason.Shutdown:
            case StopReason.LeaseLost:
                // Not the task's fault: it goes back to the queue without using its retry budget.
                return finish with
                {
                    AttemptStatus = AttemptState.Interrupted,
                    TaskStatus = TaskState.Pending,
                    DueAt = now,
                    Error = stopReason == StopReason.Shutdown ? "interrupted: the daemon shut down" : "interrupted: the worker lost its lease",
                };
            case StopReason.Paused:
                // The agent was interrupted with its session kept; resuming the task continues that session.
                return finish with
                {
                    AttemptStatus = AttemptState.Interrupted,
                    TaskStatus = TaskState.Paused,
                    Error = outcome.Error ?? "paused by a person",
                };
            case StopReason.Budget:
                // Not a failure: the next attempt resumes the session once a person has raised or approved the budget.
                return finish with
                {
                    AttemptStatus = AttemptState.Interrupted,
                    TaskStatus = TaskState.Pending,
                    DueAt = now,
                    Error = "stopped: the budget is used up; a person is asked to raise it, approve once, or cancel",
                };
            case StopReason.InputTimeout:
                // Retrying would only ask the same question again.
                return finish with
                {
                    Error = outcome.Error ?? "nobody answered the agent within its input timeout",
                    CountsAsFailure = true,
                };
            case StopReason.Timeout:
                var timeoutError = $"timed out after {task.Definition.TimeoutSeconds} s; the process tree was stopped";
                var timedOut = finish with { AttemptStatus = AttemptState.TimedOut, Error = timeoutError, CountsAsFailure = true };
                return task.Definition.RetryOnTimeout && RetriesLeft(task)
                    ? ScheduleRetry(timedOut, task, now, retry, unitRandom)
                    : timedOut with { TaskStatus = TaskState.TimedOut };
        }

        if (outcome.Succeeded)
        {
            // Refused tool calls mean the agent did not do all it was asked: the completion says so wherever it is shown.
            return finish with
            {
                AttemptStatus = AttemptState.Completed,
                TaskStatus = TaskState.Completed,
                Result = outcome.Result,
                Notice = Runners.Agents.PermissionDenials.Describe(denials),
            };
        }

        var failed = finish with { Error = outcome.Error, CountsAsFailure = true };
        return outcome.Retryable && RetriesLeft(task) ? ScheduleRetry(failed, task, now, retry, unitRandom) : failed;
    }

    private static bool RetriesLeft(TaskRecord task) => task.FailureCount < task.Definition.MaxRetries;

    private static AttemptFinish ScheduleRetry(AttemptFinish finish, TaskRecord task, DateTimeOffset now, RetryOptions retry, double unitRandom)
    {
        var delay = RetryDelays.Compute(task.Definition.RetryBackoff, task.FailureCount + 1, retry, unitRandom);
        return finish with { TaskStatus = TaskState.Retrying, DueAt = now + delay };
    }
}
