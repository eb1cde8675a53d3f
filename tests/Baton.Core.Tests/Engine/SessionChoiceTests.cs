using Baton.Core.Attempts;
using Baton.Core.Engine;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Engine;

public sealed class SessionChoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_FirstAttemptOfAForkedTask_ForksTheSourcesSessionWithTheTasksPrompt()
    {
        var source = new PreviousAttempt(AttemptState.Completed, "source-session", 0.25m);

        var choice = SessionChoice.For(Claim(SessionUse.Fork, attempt: 1, previous: null, source));

        Assert.Equal("source-session", choice.SessionId);
        Assert.True(choice.Fork);
        Assert.Equal("Why?", choice.Prompt);
        Assert.Same(source, choice.From);
    }

    [Fact]
    public void For_FirstAttemptOfAContinuingTask_ResumesTheSourcesSessionItself()
    {
        var choice = SessionChoice.For(Claim(SessionUse.Continue, attempt: 1, previous: null, new PreviousAttempt(AttemptState.Completed, "source-session")));

        Assert.Equal("source-session", choice.SessionId);
        Assert.False(choice.Fork);
    }

    [Fact]
    public void For_LaterAttemptAfterAnInterruptedOne_ResumesTheTasksOwnSessionNotTheSource()
    {
        var own = new PreviousAttempt(AttemptState.Interrupted, "own-session");

        var choice = SessionChoice.For(Claim(SessionUse.Fork, attempt: 2, own, new PreviousAttempt(AttemptState.Completed, "source-session")));

        Assert.Equal("own-session", choice.SessionId);
        Assert.False(choice.Fork);
        Assert.Null(choice.Prompt);
    }

    [Fact]
    public void For_RetryAfterAFailedAttempt_TakesUpTheSourceAgainRatherThanStartingBlank()
    {
        var choice = SessionChoice.For(Claim(SessionUse.Fork, attempt: 2, new PreviousAttempt(AttemptState.Failed, "own-session"),
            new PreviousAttempt(AttemptState.Completed, "source-session")));

        Assert.Equal("source-session", choice.SessionId);
        Assert.True(choice.Fork);
    }

    [Fact]
    public void For_SourceThatNeverHadASession_StartsANewSession()
    {
        var choice = SessionChoice.For(Claim(SessionUse.Fork, attempt: 1, previous: null, source: null));

        Assert.Null(choice.SessionId);
        Assert.False(choice.Fork);
    }

    [Fact]
    public void For_TaskWithoutASessionSource_StartsANewSessionAfterAFailure()
    {
        var claim = Claim(SessionUse.Fork, attempt: 2, new PreviousAttempt(AttemptState.Failed, "own-session"), null);
        claim = claim with { Task = claim.Task with { Definition = claim.Task.Definition with { Session = null } } };

        Assert.Null(SessionChoice.For(claim).SessionId);
    }

    private static Claim Claim(SessionUse use, int attempt, PreviousAttempt? previous, PreviousAttempt? source)
    {
        var task = new TaskRecord
        {
            Id = "abcdabcdabcd",
            Definition = new TaskDefinition
            {
                Name = "fork",
                Runner = "claude",
                Instructions = "Why?",
                WorkingDirectory = "/tmp",
                Session = new SessionSource("srcsrcsrcsrc", use),
            },
            Status = TaskState.Running,
            CreatedAt = Now,
            UpdatedAt = Now,
            DueAt = Now,
            AttemptCount = attempt,
        };
        return new Claim(task, new AttemptKey(task.Id, attempt), previous, source);
    }
}
