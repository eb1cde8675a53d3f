using Baton.Core.Application;
using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Application.Testing;

namespace Baton.Core.Tests.Application;

/// <summary>Pause, resume, priority and intervene through the application layer, over the real SQLite store.</summary>
public sealed class TaskServiceControlTests
{
    [Fact]
    public async Task PauseAsync_Running_RequestedAndItsWorkerTold()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();
        await harness.ClaimAsync();

        var result = await harness.TaskService.PauseAsync(id[..6], "  ");

        Assert.Equal(TaskChangeOutcome.Requested, result.Outcome);
        Assert.True(result.Task?.PauseRequested);
        Assert.Null(result.Task?.PauseReason);
        Assert.Equal([WorkChange.Attention], harness.Notifier.Changes);
    }

    [Fact]
    public async Task PauseAsync_Pending_PausedAtOnceNothingToTell()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();

        var result = await harness.TaskService.PauseAsync(id, "after the release");

        Assert.Equal((TaskChangeOutcome.Changed, TaskState.Paused, "after the release"), (result.Outcome, result.Task?.Status, result.Task?.PauseReason));
        Assert.Empty(harness.Notifier.Changes);
    }

    [Fact]
    public async Task PauseAsync_PausedOrEndedOrUnknown_ConflictOrNotFound()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var paused = await harness.QueueAsync();
        await harness.TaskService.PauseAsync(paused, null);
        var done = await harness.QueueAsync();
        await harness.EndAsync(await harness.ClaimAsync(), AttemptState.Completed, TaskState.Completed);

        var again = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.PauseAsync(paused, null));
        var ended = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.PauseAsync(done, null));
        var unknown = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.PauseAsync("zzzzzzzzzzzz", null));

        Assert.Equal((ErrorKind.Conflict, $"task {paused} is paused already; 'baton task resume {paused}' resumes it"), (again.Kind, again.Message));
        Assert.Equal($"task {done} already ended as completed; there is nothing to pause", ended.Message);
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
    }

    [Fact]
    public async Task ResumeAsync_Paused_QueuedAgainAndWorkersTold()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();
        await harness.TaskService.PauseAsync(id, null);

        var result = await harness.TaskService.ResumeAsync(id, "carry on");

        Assert.Equal((TaskState.Pending, "carry on"), (result.Task?.Status, result.Task?.FollowUp));
        Assert.Equal([WorkChange.Queued], harness.Notifier.Changes);
    }

    [Fact]
    public async Task ResumeAsync_NotPaused_Conflict()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.ResumeAsync(id, null));

        Assert.Equal((ErrorKind.Conflict, $"task {id} is pending, not paused; only a paused task can be resumed"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task SetPriorityAsync_PendingChangedRunningRefused()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var running = await harness.QueueAsync();
        await harness.ClaimAsync();
        var pending = await harness.QueueAsync();

        var changed = await harness.TaskService.SetPriorityAsync(pending, TaskPriority.Critical);
        var error = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.SetPriorityAsync(running, TaskPriority.Low));

        Assert.Equal(TaskPriority.Critical, changed.Definition.Priority);
        Assert.Equal(
            (ErrorKind.Conflict, $"task {running} is running; the priority only changes for a task not running yet (pending, retrying or paused)"),
            (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InterveneAsync_RunningOrWaiting_MessageStoredForItsWorkerAndWorkerTold(bool waiting)
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();
        var claim = await harness.ClaimAsync();
        if (waiting)
        {
            var ask = new InteractionAsk { Kind = InteractionKind.ToolApproval, Summary = "Bash: ls" };
            await harness.Interactions.OpenAsync(claim.Attempt, PeopleHarness.Worker, ask, InteractionFingerprint.Of(ask), harness.Clock.GetUtcNow());
        }

        var result = await harness.TaskService.InterveneAsync(id, "Use PostgreSQL instead", "alice");

        Assert.Equal(InterventionOutcome.Sent, result.Outcome);
        Assert.Equal(("Use PostgreSQL instead", "alice"), (result.Message?.Text, result.Message?.SentBy));
        var instructions = Assert.Single(await harness.Attempts.FindInstructionsAsync(PeopleHarness.Worker));
        Assert.Equal(result.Message?.Id, Assert.Single(instructions.Messages).Id);
        Assert.Equal([WorkChange.Attention], harness.Notifier.Changes);
    }

    [Fact]
    public async Task InterveneAsync_Paused_ResumedWithTheMessage()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();
        var claim = await harness.ClaimAsync();
        await harness.TaskService.PauseAsync(id, null);
        await harness.EndAsync(claim, AttemptState.Interrupted, TaskState.Paused, sessionId: "session-1");

        var result = await harness.TaskService.InterveneAsync(id, "Use PostgreSQL instead", "alice");

        Assert.Equal((InterventionOutcome.Resumed, TaskState.Pending, "Use PostgreSQL instead"), (result.Outcome, result.Task.Status, result.Task.FollowUp));
    }

    [Fact]
    public async Task InterveneAsync_Ended_ContinuesTheSession()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();
        await harness.EndAsync(await harness.ClaimAsync(), AttemptState.Completed, TaskState.Completed, sessionId: "session-1");

        var result = await harness.TaskService.InterveneAsync(id, "Now add tests", "alice");

        Assert.Equal((InterventionOutcome.Continued, TaskState.Pending, "Now add tests"), (result.Outcome, result.Task.Status, result.Task.FollowUp));
        Assert.Equal([WorkChange.Queued], harness.Notifier.Changes);
    }

    [Fact]
    public async Task InterveneAsync_NotStarted_ConflictSayingWhatToDo()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.InterveneAsync(id, "hurry", "alice"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(
            $"task {id} is pending and has not started; its prompt is what it will see (cancel it and queue it again to change that, or intervene once it runs)",
            error.Message);
    }

    [Fact]
    public async Task InterveneAsync_CommandTask_ConflictNoSession()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync(agent: false);
        await harness.ClaimAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.InterveneAsync(id, "hurry", "alice"));

        Assert.Equal($"task {id} runs a command, not an agent; there is no session to send a message to", error.Message);
        Assert.Empty(await harness.Attempts.FindInstructionsAsync(PeopleHarness.Worker));
    }

    [Fact]
    public async Task InterveneAsync_EmptyMessage_Invalid()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.TaskService.InterveneAsync(id, " ", "alice"));

        Assert.Equal((ErrorKind.InvalidInput, "the message must be non-empty and at most 16 KiB"), (error.Kind, error.Message));
    }
}
