using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Pause, resume, priority, cancel of a waiting task, steering messages, and what a worker is asked to do.</summary>
public abstract class TaskControlContract : StoreContract
{
    private static readonly DateTimeOffset Later = ContractTimes.Now.AddSeconds(2);

    [Fact]
    public async Task PauseAsync_Pending_PausedAtOnceAndNotClaimed()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("held", ContractTimes.Now);

        var paused = await store.Tasks.PauseAsync(id, "wait for the release", Later);

        Assert.Equal(TaskChangeOutcome.Changed, paused.Outcome);
        Assert.Equal((TaskState.Paused, "wait for the release"), (paused.Task?.Status, paused.Task?.PauseReason));
        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, Later, Later.AddSeconds(30)));
        var logged = (await store.EventsOfAsync(id))[^1];
        Assert.Equal((EventTypes.TaskPaused, "wait for the release", "pending"), (logged.Type, logged.Message, logged.OldStatus));
    }

    [Theory]
    [InlineData(TaskState.Running)]
    [InlineData(TaskState.InputRequired)]
    public async Task PauseAsync_Running_RequestedThenThePauseStopPausesIt(TaskState status)
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("long", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        if (status == TaskState.InputRequired)
        {
            await store.OpenAsync(claim, InteractionSteps.Approval());
        }

        var requested = await store.Tasks.PauseAsync(id, "lunch", Later);
        var instructions = Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        await store.EndAsync(claim, AttemptState.Interrupted, TaskState.Paused, "paused");

        Assert.Equal(TaskChangeOutcome.Requested, requested.Outcome);
        Assert.True(requested.Task?.PauseRequested);
        Assert.Equal(status, requested.Task?.Status);
        Assert.True(instructions.PauseRequested);
        Assert.False(instructions.CancelRequested);
        var task = await store.TaskAsync(id);
        Assert.Equal((TaskState.Paused, false, "lunch"), (task.Status, task.PauseRequested, task.PauseReason));
        var logged = (await store.EventsOfAsync(id))[^1];
        Assert.Equal((EventTypes.TaskPaused, "lunch", status.ToWire()), (logged.Type, logged.Message, logged.OldStatus));
        Assert.Equal(AttemptState.Interrupted, (await store.Tasks.GetAttemptsAsync(id))[0].Status);
    }

    [Fact]
    public async Task PauseAsync_EndedPausedOrUnknown_NotAllowedOrNotFound()
    {
        await using var store = await OpenAsync();
        var done = await store.QueueAsync("done", ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var held = await store.QueueAsync("held", ContractTimes.Now);
        await store.Tasks.PauseAsync(held, null, Later);

        Assert.Equal(TaskChangeOutcome.NotAllowed, (await store.Tasks.PauseAsync(done, null, Later)).Outcome);
        Assert.Equal(TaskChangeOutcome.NotAllowed, (await store.Tasks.PauseAsync(held, null, Later)).Outcome);
        Assert.Equal(TaskChangeOutcome.NotFound, (await store.Tasks.PauseAsync("task_nothing", null, Later)).Outcome);
        Assert.Equal(TaskState.Completed, await store.StatusAsync(done));
    }

    [Fact]
    public async Task ResumeAsync_Paused_QueuedAgainWithTheMessageAsFollowUp()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("long", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        await store.Tasks.PauseAsync(id, "lunch", Later);
        await store.EndAsync(claim, AttemptState.Interrupted, TaskState.Paused);

        var resumed = await store.Tasks.ResumeAsync(id, "use PostgreSQL instead", Later.AddSeconds(10));
        var next = await store.ClaimAsync(at: Later.AddSeconds(10));

        Assert.Equal(TaskChangeOutcome.Changed, resumed.Outcome);
        Assert.Equal((TaskState.Pending, "use PostgreSQL instead", null), (resumed.Task?.Status, resumed.Task?.FollowUp, resumed.Task?.PauseReason));
        Assert.Equal(2, next.Attempt.Number);
        Assert.Equal(AttemptState.Interrupted, next.Previous?.Status);
    }

    [Fact]
    public async Task ResumeAsync_PauseStillRequested_RequestWithdrawnAttemptRunsOn()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("long", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        await store.Tasks.PauseAsync(id, "lunch", Later);

        var resumed = await store.Tasks.ResumeAsync(id, null, Later);
        await store.FinishAsync(claim, completed: true);

        Assert.Equal(TaskChangeOutcome.Changed, resumed.Outcome);
        Assert.Equal((TaskState.Running, false), (resumed.Task?.Status, resumed.Task?.PauseRequested));
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        Assert.Equal(TaskState.Completed, await store.StatusAsync(id));
    }

    [Fact]
    public async Task ResumeAsync_NotPaused_NotAllowedOrNotFound()
    {
        await using var store = await OpenAsync();
        var pending = await store.QueueAsync("queued", ContractTimes.Now);

        Assert.Equal(TaskChangeOutcome.NotAllowed, (await store.Tasks.ResumeAsync(pending, null, Later)).Outcome);
        Assert.Equal(TaskChangeOutcome.NotFound, (await store.Tasks.ResumeAsync("task_nothing", null, Later)).Outcome);
    }

    [Fact]
    public async Task SetPriorityAsync_EveryStatus_OnlyTasksNotRunningYetChange()
    {
        await using var store = await OpenAsync();
        var done = await store.QueueAsync("done", ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var running = await store.QueueAsync("running", ContractTimes.Now);
        await store.ClaimAsync();
        var paused = await store.QueueAsync("paused", ContractTimes.Now);
        await store.Tasks.PauseAsync(paused, null, Later);
        var low = await store.QueueAsync("low", ContractTimes.Now);
        var high = await store.QueueAsync("high", ContractTimes.Now);

        var raised = await store.Tasks.SetPriorityAsync(high, TaskPriority.Critical, Later);
        var whilePaused = await store.Tasks.SetPriorityAsync(paused, TaskPriority.Low, Later);
        var whileRunning = await store.Tasks.SetPriorityAsync(running, TaskPriority.High, Later);
        var whenDone = await store.Tasks.SetPriorityAsync(done, TaskPriority.High, Later);
        var unknown = await store.Tasks.SetPriorityAsync("task_nothing", TaskPriority.High, Later);

        Assert.Equal((TaskChangeOutcome.Changed, TaskPriority.Critical), (raised.Outcome, raised.Task?.Definition.Priority));
        Assert.Equal((TaskChangeOutcome.Changed, TaskPriority.Low), (whilePaused.Outcome, whilePaused.Task?.Definition.Priority));
        Assert.Equal((TaskChangeOutcome.NotAllowed, TaskPriority.Normal), (whileRunning.Outcome, whileRunning.Task?.Definition.Priority));
        Assert.Equal(TaskChangeOutcome.NotAllowed, whenDone.Outcome);
        Assert.Equal(TaskChangeOutcome.NotFound, unknown.Outcome);
        Assert.Equal(high, (await store.ClaimAsync(at: Later)).Task.Id);
        Assert.Equal(low, (await store.ClaimAsync(at: Later)).Task.Id);
    }

    [Fact]
    public async Task CancelAsync_InputRequired_RequestForItsWorker()
    {
        await using var store = await OpenAsync();
        var (claim, _) = await store.AskAsync("ask");

        var cancel = await store.Tasks.CancelAsync(claim.Task.Id, Later);

        Assert.Equal(CancelOutcome.Requested, cancel.Outcome);
        Assert.Equal(TaskState.InputRequired, cancel.Task?.Status);
        Assert.True(Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker)).CancelRequested);
    }

    [Fact]
    public async Task CancelAsync_PausedWithOpenInteraction_CancelledAtOnceAndWithdrawn()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        await store.Tasks.PauseAsync(claim.Task.Id, null, Later);
        await store.EndAsync(claim, AttemptState.Interrupted, TaskState.Paused);
        var whilePaused = (await store.InteractionAsync(open.Id)).Status;

        var cancel = await store.Tasks.CancelAsync(claim.Task.Id, Later.AddSeconds(1));

        Assert.Equal(InteractionStatus.Open, whilePaused);
        Assert.Equal((CancelOutcome.Cancelled, TaskState.Cancelled), (cancel.Outcome, cancel.Task?.Status));
        Assert.Equal((InteractionStatus.Withdrawn, "the task was cancelled"), ((await store.InteractionAsync(open.Id)).Status, (await store.InteractionAsync(open.Id)).CloseReason));
    }

    [Fact]
    public async Task RescueAsync_PauseRequested_TaskPausedNotQueued()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("long", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        await store.Tasks.PauseAsync(id, "lunch", Later);

        Assert.True(await store.Attempts.RescueAsync(ContractSteps.Rescue(claim)));

        var task = await store.TaskAsync(id);
        Assert.Equal((TaskState.Paused, false), (task.Status, task.PauseRequested));
        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractSteps.RescuedAt, ContractSteps.RescuedAt.AddSeconds(30)));
    }

    [Fact]
    public async Task FindInstructionsAsync_Messages_InOrderForTheWorkerRunningTheTaskUntilDelivered()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("long", ContractTimes.Now);
        var claim = await store.ClaimAsync();
        var first = await store.Interactions.AddMessageAsync(id, "Use PostgreSQL instead", "alice", Later);
        var second = await store.Interactions.AddMessageAsync(id, "and keep the tests", "bob", Later.AddSeconds(1));

        var mine = Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        var others = await store.Attempts.FindInstructionsAsync(ContractTimes.OtherWorker);
        Assert.True(await store.Interactions.MarkMessageDeliveredAsync(first.Id, Later.AddSeconds(2)));
        Assert.False(await store.Interactions.MarkMessageDeliveredAsync(first.Id, Later.AddSeconds(3)));
        var afterOne = Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        await store.Interactions.MarkMessageDeliveredAsync(second.Id, Later.AddSeconds(3));

        Assert.StartsWith(SteeringIds.Prefix, first.Id, StringComparison.Ordinal);
        Assert.Equal(claim.Attempt, mine.Attempt);
        Assert.Equal(["Use PostgreSQL instead", "and keep the tests"], mine.Messages.Select(m => m.Text));
        Assert.Equal(("alice", Later), (mine.Messages[0].SentBy, mine.Messages[0].SentAt));
        Assert.False(mine.CancelRequested || mine.PauseRequested);
        Assert.Empty(others);
        Assert.Equal([second.Id], afterOne.Messages.Select(m => m.Id));
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
    }

    [Fact]
    public async Task FindInstructionsAsync_Answers_OnlyForTheAttemptThatWaits()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        await store.Attempts.RescueAsync(ContractSteps.Rescue(claim));
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(), ContractSteps.RescuedAt);
        await store.ClaimAsync(ContractTimes.OtherWorker, ContractSteps.RescuedAt);

        // The answer belongs to the dead attempt until the new one asks again and takes it over.
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.OtherWorker));
    }

    [Fact]
    public async Task FindInstructionsAsync_NothingAsked_Empty()
    {
        await using var store = await OpenAsync();
        await store.QueueAsync("quiet", ContractTimes.Now);
        await store.ClaimAsync();

        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
    }

    [Fact]
    public async Task WorkflowCancelAsync_TaskWaitingForAPerson_StoppedByItsWorkerNotCancelledUnderIt()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfpeople0001", Baton.Core.Workflows.FailurePolicy.FailFast, "compile", "lint"), ContractTimes.Now);
        var waiting = await store.ClaimAsync();
        var open = await store.OpenAsync(waiting, InteractionSteps.Approval());
        var held = await store.ClaimAsync();
        var heldOpen = await store.OpenAsync(held, InteractionSteps.Approval("ls"));
        await store.Tasks.PauseAsync(held.Task.Id, null, Later);
        await store.EndAsync(held, AttemptState.Interrupted, TaskState.Paused);

        var stopping = await store.Workflows.CancelAsync("wfpeople0001", Later.AddSeconds(1));

        Assert.Equal(1, stopping);
        Assert.Equal(InteractionStatus.Withdrawn, (await store.InteractionAsync(heldOpen!.Id)).Status);
        Assert.Equal(TaskState.InputRequired, await store.StatusAsync(waiting.Task.Id));
        Assert.True(Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker)).CancelRequested);
        Assert.Equal(TaskState.Cancelled, await store.StatusAsync(held.Task.Id));
        await store.EndAsync(waiting, AttemptState.Cancelled, TaskState.Cancelled);
        Assert.Equal(InteractionStatus.Withdrawn, (await store.InteractionAsync(open!.Id)).Status);
    }
}
