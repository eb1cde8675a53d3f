using Baton.Core.Attempts;
using Baton.Core.Engine;
using Baton.Core.Retry;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Engine;

public sealed class AttemptResolutionTests
{
    private const string Worker = "host:1:worker";
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions Retry = new() { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(10) };

    [Fact]
    public void Decide_Success_CompletesWithResult()
    {
        var finish = Decide(Claim(), AttemptOutcome.Success("42\n"), StopReason.None);

        Assert.Equal(AttemptState.Completed, finish.AttemptStatus);
        Assert.Equal(TaskState.Completed, finish.TaskStatus);
        Assert.Equal("42\n", finish.Result);
        Assert.Equal(0, finish.ExitCode);
        Assert.False(finish.CountsAsFailure);
        Assert.Null(finish.Error);
    }

    [Fact]
    public void Decide_SuccessWithRefusedToolCalls_CompletesWithANoticeAndKeepsTheDenials()
    {
        var details = new Baton.Core.Runners.Agents.AgentRunDetails { PermissionDenials = [new("Bash", "{\"command\":\"echo hi > out.txt\"}")] };

        var finish = Decide(Claim(), AttemptOutcome.Success("done") with { Details = details }, StopReason.None);

        Assert.Equal(TaskState.Completed, finish.TaskStatus);
        Assert.Equal("1 tool call refused: Bash `echo hi > out.txt`", finish.Notice);
        Assert.Equal("Bash", Assert.Single(finish.PermissionDenials).ToolName);
    }

    [Fact]
    public void Decide_SuccessWithoutRefusals_HasNoNotice()
    {
        var finish = Decide(Claim(), AttemptOutcome.Success("done") with { Details = new Baton.Core.Runners.Agents.AgentRunDetails() }, StopReason.None);

        Assert.Null(finish.Notice);
        Assert.Empty(finish.PermissionDenials);
    }

    [Fact]
    public void Decide_Always_CarriesAttemptWorkerAndEndTime()
    {
        var claim = Claim();

        var finish = Decide(claim, AttemptOutcome.Success(null), StopReason.None);

        Assert.Equal(claim.Attempt, finish.Attempt);
        Assert.Equal(Worker, finish.WorkerId);
        Assert.Equal(Now, finish.EndedAt);
    }

    [Fact]
    public void Decide_RetryableFailureWithRetriesLeft_RetriesAfterBackoff()
    {
        var claim = Claim(failureCount: 1, maxRetries: 3);

        var finish = Decide(claim, AttemptOutcome.Failure("boom", exitCode: 1), StopReason.None, unitRandom: 0.5);

        Assert.Equal(AttemptState.Failed, finish.AttemptStatus);
        Assert.Equal(TaskState.Retrying, finish.TaskStatus);
        // Second retry: ceiling 2 s * 2^1 = 4 s, half of it at unitRandom 0.5.
        Assert.Equal(Now + TimeSpan.FromSeconds(2), finish.DueAt);
        Assert.True(finish.CountsAsFailure);
        Assert.Equal("boom", finish.Error);
        Assert.Equal(1, finish.ExitCode);
    }

    [Fact]
    public void Decide_FixedBackoff_DueAtIsNowPlusBaseDelay()
    {
        var claim = Claim(failureCount: 0, maxRetries: 3, backoff: RetryBackoff.Fixed);

        var finish = Decide(claim, AttemptOutcome.Failure("boom"), StopReason.None, unitRandom: 0.1);

        Assert.Equal(TaskState.Retrying, finish.TaskStatus);
        Assert.Equal(Now + Retry.BaseDelay, finish.DueAt);
    }

    [Fact]
    public void Decide_FailureWithRetriesUsedUp_Fails()
    {
        var claim = Claim(failureCount: 3, maxRetries: 3);

        var finish = Decide(claim, AttemptOutcome.Failure("boom", exitCode: 2), StopReason.None);

        Assert.Equal(AttemptState.Failed, finish.AttemptStatus);
        Assert.Equal(TaskState.Failed, finish.TaskStatus);
        Assert.True(finish.CountsAsFailure);
        Assert.Equal("boom", finish.Error);
        Assert.Null(finish.DueAt);
    }

    [Fact]
    public void Decide_FailureWithZeroMaxRetries_FailsAtOnce()
    {
        var finish = Decide(Claim(failureCount: 0, maxRetries: 0), AttemptOutcome.Failure("boom"), StopReason.None);

        Assert.Equal(TaskState.Failed, finish.TaskStatus);
    }

    [Fact]
    public void Decide_NonRetryableFailureWithRetriesLeft_Fails()
    {
        var claim = Claim(failureCount: 0, maxRetries: 5);

        var finish = Decide(claim, AttemptOutcome.Failure("program 'nope' was not found on PATH", retryable: false), StopReason.None);

        Assert.Equal(AttemptState.Failed, finish.AttemptStatus);
        Assert.Equal(TaskState.Failed, finish.TaskStatus);
        Assert.True(finish.CountsAsFailure);
        Assert.Null(finish.DueAt);
    }

    [Fact]
    public void Decide_TimeoutWithoutRetryOnTimeout_TimesOutWithoutRetry()
    {
        var claim = Claim(failureCount: 0, maxRetries: 3, timeoutSeconds: 30);

        var finish = Decide(claim, AttemptOutcome.Failure("killed", signal: 9), StopReason.Timeout);

        Assert.Equal(AttemptState.TimedOut, finish.AttemptStatus);
        Assert.Equal(TaskState.TimedOut, finish.TaskStatus);
        Assert.Equal("timed out after 30 s; the process tree was stopped", finish.Error);
        Assert.Equal(9, finish.Signal);
        Assert.Null(finish.DueAt);
    }

    [Fact]
    public void Decide_TimeoutEvenIfTheProcessSucceeded_TimesOut()
    {
        var finish = Decide(Claim(timeoutSeconds: 5), AttemptOutcome.Success("late"), StopReason.Timeout);

        Assert.Equal(TaskState.TimedOut, finish.TaskStatus);
        Assert.Null(finish.Result);
    }

    [Fact]
    public void Decide_TimeoutWithRetryOnTimeoutAndBudget_Retries()
    {
        var claim = Claim(failureCount: 0, maxRetries: 2, timeoutSeconds: 30, retryOnTimeout: true, backoff: RetryBackoff.Fixed);

        var finish = Decide(claim, AttemptOutcome.Failure("killed", signal: 9), StopReason.Timeout);

        Assert.Equal(AttemptState.TimedOut, finish.AttemptStatus);
        Assert.Equal(TaskState.Retrying, finish.TaskStatus);
        Assert.Equal(Now + Retry.BaseDelay, finish.DueAt);
        Assert.True(finish.CountsAsFailure);
    }

    [Fact]
    public void Decide_TimeoutWithRetryOnTimeoutButNoBudget_TimesOut()
    {
        var claim = Claim(failureCount: 2, maxRetries: 2, timeoutSeconds: 30, retryOnTimeout: true);

        var finish = Decide(claim, AttemptOutcome.Failure("killed", signal: 9), StopReason.Timeout);

        Assert.Equal(TaskState.TimedOut, finish.TaskStatus);
    }

    [Fact]
    public void Decide_Cancelled_CancelsWithoutCountingAFailure()
    {
        var finish = Decide(Claim(), AttemptOutcome.Failure("terminated", signal: 15), StopReason.Cancelled);

        Assert.Equal(AttemptState.Cancelled, finish.AttemptStatus);
        Assert.Equal(TaskState.Cancelled, finish.TaskStatus);
        Assert.Equal("cancelled", finish.Error);
        Assert.False(finish.CountsAsFailure);
    }

    [Theory]
    [InlineData(StopReason.Shutdown, "interrupted: the daemon shut down")]
    [InlineData(StopReason.LeaseLost, "interrupted: the worker lost its lease")]
    public void Decide_NotTheTasksFault_InterruptsAndRequeuesWithoutCountingAFailure(StopReason reason, string error)
    {
        var claim = Claim(failureCount: 3, maxRetries: 3);

        var finish = Decide(claim, AttemptOutcome.Failure("terminated", signal: 15), reason);

        Assert.Equal(AttemptState.Interrupted, finish.AttemptStatus);
        Assert.Equal(TaskState.Pending, finish.TaskStatus);
        Assert.Equal(Now, finish.DueAt);
        Assert.Equal(error, finish.Error);
        Assert.False(finish.CountsAsFailure);
    }

    [Fact]
    public void Decide_Paused_InterruptsTheAttemptAndPausesTheTaskWithoutUsingARetry()
    {
        var finish = Decide(Claim(failureCount: 1), AttemptOutcome.Failure("claude ended with signal 15"), StopReason.Paused);

        Assert.Equal(AttemptState.Interrupted, finish.AttemptStatus);
        Assert.Equal(TaskState.Paused, finish.TaskStatus);
        Assert.False(finish.CountsAsFailure);
    }

    [Fact]
    public void Decide_InputTimeoutWithRetriesLeft_FailsWithoutRetrying()
    {
        var outcome = AttemptOutcome.Failure("the agent's question nobody answered within its input timeout (60 s)");

        var finish = Decide(Claim(failureCount: 0, maxRetries: 3), outcome, StopReason.InputTimeout);

        Assert.Equal(AttemptState.Failed, finish.AttemptStatus);
        Assert.Equal(TaskState.Failed, finish.TaskStatus);
        Assert.True(finish.CountsAsFailure);
        Assert.Contains("input timeout (60 s)", finish.Error, StringComparison.Ordinal);
    }

    private static AttemptFinish Decide(Claim claim, AttemptOutcome outcome, StopReason reason, double unitRandom = 0.5) =>
        AttemptResolution.Decide(claim, Worker, outcome, reason, Now, Retry, unitRandom);

    private static Claim Claim(
        int failureCount = 0,
        int maxRetries = 3,
        int? timeoutSeconds = null,
        bool retryOnTimeout = false,
        RetryBackoff backoff = RetryBackoff.Exponential)
    {
        var task = new TaskRecord
        {
            Id = "abcdabcdabcd",
            Definition = new TaskDefinition
            {
                Name = "build",
                Runner = "command",
                Program = "make",
                WorkingDirectory = "/tmp",
                MaxRetries = maxRetries,
                TimeoutSeconds = timeoutSeconds,
                RetryOnTimeout = retryOnTimeout,
                RetryBackoff = backoff,
            },
            Status = TaskState.Running,
            CreatedAt = Now.AddMinutes(-5),
            UpdatedAt = Now.AddMinutes(-1),
            DueAt = Now.AddMinutes(-5),
            AttemptCount = failureCount + 1,
            FailureCount = failureCount,
        };
        return new Claim(task, new AttemptKey(task.Id, task.AttemptCount));
    }
}
