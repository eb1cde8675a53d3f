using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions: opened by a running attempt, answered once, taken over after a crash, withdrawn, expired, reminded of.</summary>
public abstract class InteractionContract : StoreContract
{
    [Fact]
    public async Task OpenAsync_RunningAttempt_StoredBeforeTaskShowsInputRequiredWithEvent()
    {
        await using var store = await OpenAsync();

        var (claim, open) = await store.AskAsync("ask");

        Assert.StartsWith(InteractionIds.Prefix, open.Id, StringComparison.Ordinal);
        Assert.True(InteractionIds.LooksLikeId(open.Id));
        Assert.Equal(InteractionStatus.Open, open.Status);
        Assert.Equal(claim.Attempt.Number, open.AttemptNumber);
        Assert.Equal(TaskState.InputRequired, await store.StatusAsync(claim.Task.Id));
        var stored = await store.InteractionAsync(open.Id);
        Assert.Equal("Bash: rm -rf build", stored.Ask.Summary);
        Assert.Equal("""{"command":"rm -rf build"}""", stored.Ask.Input);
        Assert.Equal(InteractionFingerprint.Of(InteractionSteps.Approval()), stored.Fingerprint);
        Assert.Equal(ContractTimes.Now.AddSeconds(1), stored.CreatedAt);
        var raised = (await store.EventsOfAsync(claim.Task.Id))[^1];
        Assert.Equal(EventTypes.TaskInputRequired, raised.Type);
        Assert.Equal(("input_required", "running"), (raised.Status, raised.OldStatus));
        Assert.Equal("Bash: rm -rf build", raised.Message);
        Assert.Contains($"\"interaction_id\":\"{open.Id}\"", raised.Data, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"tool_approval\"", raised.Data, StringComparison.Ordinal);
        Assert.Contains("\"reminder\":false", raised.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_QuestionWithOptions_ReadBackWhole()
    {
        await using var store = await OpenAsync();

        var (_, open) = await store.AskAsync("ask", InteractionSteps.Question());

        var question = Assert.Single((await store.InteractionAsync(open.Id)).Ask.Questions);
        Assert.Equal(InteractionKind.Question, open.Ask.Kind);
        Assert.Equal(["SQLite", "PostgreSQL"], question.Options.Select(o => o.Label));
        Assert.Equal("the server", question.Options[1].Description);
    }

    [Fact]
    public async Task OpenAsync_AttemptHeldByAnotherWorker_NullAndNothingWritten()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("ask", ContractTimes.Now);
        var claim = await store.ClaimAsync();

        var open = await store.OpenAsync(claim, InteractionSteps.Approval(), worker: ContractTimes.OtherWorker);

        Assert.Null(open);
        Assert.Equal(TaskState.Running, await store.StatusAsync(id));
        Assert.Empty(await store.Interactions.ListAsync(new InteractionQuery(Status: null)));
    }

    [Fact]
    public async Task RespondAsync_Open_StoredTaskRunningAndDecisionLogged()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        var result = await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(remember: true, message: "go"), ContractTimes.Now.AddSeconds(2));

        Assert.Equal(RespondOutcome.Answered, result.Outcome);
        var answered = await store.InteractionAsync(open.Id);
        Assert.Equal(InteractionStatus.Answered, answered.Status);
        Assert.Equal(InteractionDecision.Approve, answered.Response?.Decision);
        Assert.True(answered.Response?.Remember);
        Assert.Equal("alice", answered.Response?.RespondedBy);
        Assert.Equal(ContractTimes.Now.AddSeconds(2), answered.ClosedAt);
        Assert.Null(answered.DeliveredAt);
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
        var logged = Assert.Single(await store.EventsOfAsync(claim.Task.Id), e => e.Type == EventTypes.InteractionAnswered);
        Assert.Equal("approved by alice (always): go", logged.Message);
        Assert.Equal("running", logged.Status);
        Assert.Contains("\"decision\":\"approve\"", logged.Data, StringComparison.Ordinal);
        Assert.Contains("\"remember\":true", logged.Data, StringComparison.Ordinal);
        Assert.Contains("\"responded_by\":\"alice\"", logged.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondAsync_AnsweredBefore_AlreadyAnsweredAndFirstAnswerKept()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve("alice"), ContractTimes.Now.AddSeconds(2));
        var eventsBefore = (await store.EventsOfAsync(claim.Task.Id)).Count;

        var second = await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve("bob"), ContractTimes.Now.AddSeconds(3));

        Assert.Equal(RespondOutcome.AlreadyAnswered, second.Outcome);
        Assert.Equal("alice", (await store.InteractionAsync(open.Id)).Response?.RespondedBy);
        Assert.Equal(eventsBefore, (await store.EventsOfAsync(claim.Task.Id)).Count);
    }

    [Fact]
    public async Task RespondAsync_WithdrawnExpiredOrUnknown_RefusedAndNothingChanged()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        var expiring = await store.OpenAsync(claim, InteractionSteps.Question());
        Assert.True(await store.Interactions.WithdrawAsync(open.Id, "the agent took it back", ContractTimes.Now.AddSeconds(2)));
        Assert.True(await store.Interactions.ExpireAsync(expiring!.Id, null, "nobody answered within 60 seconds", ContractTimes.Now.AddSeconds(2)));

        var withdrawn = await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(3));
        var expired = await store.Interactions.RespondAsync(expiring.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(3));
        var unknown = await store.Interactions.RespondAsync("in_zzzzzzzzzzzz", InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(3));

        Assert.Equal(RespondOutcome.Withdrawn, withdrawn.Outcome);
        Assert.Equal(RespondOutcome.Expired, expired.Outcome);
        Assert.Equal((RespondOutcome.NotFound, (InteractionRecord?)null), (unknown.Outcome, unknown.Interaction));
        Assert.Null((await store.InteractionAsync(open.Id)).Response);
        Assert.Null((await store.InteractionAsync(expiring.Id)).Response);
        Assert.Equal("nobody answered within 60 seconds", (await store.InteractionAsync(expiring.Id)).CloseReason);
        Assert.DoesNotContain(await store.EventsOfAsync(claim.Task.Id), e => e.Type == EventTypes.InteractionAnswered);
    }

    [Fact]
    public async Task RespondAsync_OneOfTwoOpen_TaskWaitsUntilBothAnswered()
    {
        await using var store = await OpenAsync();
        var (claim, first) = await store.AskAsync("ask");
        var second = await store.OpenAsync(claim, InteractionSteps.Approval("make deploy"));

        await store.Interactions.RespondAsync(first.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(2));
        var afterFirst = await store.StatusAsync(claim.Task.Id);
        await store.Interactions.RespondAsync(second!.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(3));

        Assert.Equal(TaskState.InputRequired, afterFirst);
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
    }

    [Fact]
    public async Task RespondAsync_TwoOpenAnsweredAtOnce_BothStoredAndTaskRuns()
    {
        await using var store = await OpenAsync();
        var (claim, first) = await store.AskAsync("ask");
        var second = await store.OpenAsync(claim, InteractionSteps.Approval("make deploy"));

        var results = await Task.WhenAll(
            store.Interactions.RespondAsync(first.Id, InteractionSteps.Approve("alice"), ContractTimes.Now.AddSeconds(2)),
            store.Interactions.RespondAsync(second!.Id, InteractionSteps.Approve("bob"), ContractTimes.Now.AddSeconds(2)));

        Assert.All(results, r => Assert.Equal(RespondOutcome.Answered, r.Outcome));
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
    }

    [Fact]
    public async Task RespondAsync_SameAnsweredTwiceAtOnce_OneAnswerWins()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        var results = await Task.WhenAll(
            store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve("alice"), ContractTimes.Now.AddSeconds(2)),
            store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve("bob"), ContractTimes.Now.AddSeconds(2)));

        Assert.Equal([RespondOutcome.Answered, RespondOutcome.AlreadyAnswered], results.Select(r => r.Outcome).Order());
        var winner = results.Single(r => r.Outcome == RespondOutcome.Answered).Interaction?.Response?.RespondedBy;
        Assert.Equal(winner, (await store.InteractionAsync(open.Id)).Response?.RespondedBy);
        Assert.Single(await store.EventsOfAsync(claim.Task.Id), e => e.Type == EventTypes.InteractionAnswered);
    }

    [Fact]
    public async Task OpenAsync_SameAskAfterRescue_TakesOverTheOpenInteraction()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        Assert.True(await store.Attempts.RescueAsync(ContractSteps.Rescue(claim)));
        var afterRescue = await store.InteractionAsync(open.Id);
        var next = await store.ClaimAsync(at: ContractSteps.RescuedAt);

        var taken = await store.OpenAsync(next, InteractionSteps.Approval(), ContractSteps.RescuedAt.AddSeconds(1));

        Assert.Equal(InteractionStatus.Open, afterRescue.Status);
        Assert.Equal(open.Id, taken?.Id);
        Assert.Equal(2, taken?.AttemptNumber);
        Assert.Equal(2, (await store.InteractionAsync(open.Id)).AttemptNumber);
        Assert.Equal(TaskState.InputRequired, await store.StatusAsync(claim.Task.Id));
        Assert.Single(await store.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: claim.Task.Id)));
    }

    [Fact]
    public async Task OpenAsync_AnsweredWhileNoAttemptRan_StoredAnswerReturnedAndTaskRuns()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        await store.Attempts.RescueAsync(ContractSteps.Rescue(claim));
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve("bob"), ContractSteps.RescuedAt);
        var next = await store.ClaimAsync(at: ContractSteps.RescuedAt);

        var taken = await store.OpenAsync(next, InteractionSteps.Approval(), ContractSteps.RescuedAt.AddSeconds(1));

        Assert.Equal(open.Id, taken?.Id);
        Assert.Equal(InteractionStatus.Answered, taken?.Status);
        Assert.Equal("bob", taken?.Response?.RespondedBy);
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
        var instructions = Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        Assert.Equal(open.Id, Assert.Single(instructions.Answers).Id);
    }

    [Fact]
    public async Task OpenAsync_SameAskAfterDelivery_OpensANewOne()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(2));
        Assert.True(await store.Interactions.MarkDeliveredAsync(open.Id, ContractTimes.Now.AddSeconds(3)));
        Assert.False(await store.Interactions.MarkDeliveredAsync(open.Id, ContractTimes.Now.AddSeconds(4)));

        var again = await store.OpenAsync(claim, InteractionSteps.Approval(), ContractTimes.Now.AddSeconds(5));

        Assert.NotEqual(open.Id, again?.Id);
        Assert.Equal(ContractTimes.Now.AddSeconds(3), (await store.InteractionAsync(open.Id)).DeliveredAt);
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
    }

    [Fact]
    public async Task WithdrawAsync_Open_TaskRunningAgainAndSecondWithdrawFalse()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        var first = await store.Interactions.WithdrawAsync(open.Id, "the agent took it back", ContractTimes.Now.AddSeconds(2));
        var second = await store.Interactions.WithdrawAsync(open.Id, "again", ContractTimes.Now.AddSeconds(3));

        Assert.True(first);
        Assert.False(second);
        var withdrawn = await store.InteractionAsync(open.Id);
        Assert.Equal((InteractionStatus.Withdrawn, "the agent took it back"), (withdrawn.Status, withdrawn.CloseReason));
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
    }

    [Fact]
    public async Task ExpireAsync_WithPolicyResponse_StoredForDeliveryAndTaskRuns()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        var denial = new InteractionResponse { Decision = InteractionDecision.Deny, Message = "nobody answered in time", RespondedBy = "policy" };

        Assert.True(await store.Interactions.ExpireAsync(open.Id, denial, "nobody answered within 60 seconds", ContractTimes.Now.AddSeconds(60)));
        Assert.False(await store.Interactions.ExpireAsync(open.Id, denial, "again", ContractTimes.Now.AddSeconds(61)));

        var expired = await store.InteractionAsync(open.Id);
        Assert.Equal(InteractionStatus.Expired, expired.Status);
        Assert.Equal("policy", expired.Response?.RespondedBy);
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
        Assert.Equal(open.Id, Assert.Single(Assert.Single(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker)).Answers).Id);
        Assert.Contains(await store.EventsOfAsync(claim.Task.Id), e => e.Type == EventTypes.InteractionAnswered && e.Message == "denied by policy: nobody answered in time");
    }

    [Fact]
    public async Task ExpireAsync_WithoutPolicyResponse_NothingToDeliverTaskLeftToTheEngine()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        Assert.True(await store.Interactions.ExpireAsync(open.Id, null, "nobody answered within 60 seconds", ContractTimes.Now.AddSeconds(60)));

        Assert.Equal(InteractionStatus.Expired, (await store.InteractionAsync(open.Id)).Status);
        Assert.Empty(await store.Attempts.FindInstructionsAsync(ContractTimes.Worker));
        Assert.Equal(TaskState.InputRequired, await store.StatusAsync(claim.Task.Id));
    }

    [Fact]
    public async Task RemindAsync_TwoNodesRacing_OnlyOneReminds()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        var hourLater = ContractTimes.Now.AddHours(1).AddSeconds(2);
        var due = await store.Interactions.FindDueRemindersAsync(hourLater.AddHours(-1), 10);

        var raced = await Task.WhenAll(
            store.Interactions.RemindAsync(open.Id, hourLater.AddHours(-1), hourLater),
            store.Interactions.RemindAsync(open.Id, hourLater.AddHours(-1), hourLater));

        Assert.Equal(open.Id, Assert.Single(due).Id);
        Assert.Single(raced, reminded => reminded);
        Assert.Equal(hourLater, (await store.InteractionAsync(open.Id)).RemindedAt);
        Assert.Empty(await store.Interactions.FindDueRemindersAsync(hourLater.AddHours(-1), 10));
        var reminders = (await store.EventsOfAsync(claim.Task.Id)).Where(e => e.Type == EventTypes.TaskInputRequired).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Contains("\"reminder\":true", reminders[1].Data, StringComparison.Ordinal);
        Assert.Equal("still waiting: Bash: rm -rf build", reminders[1].Message);
    }

    [Fact]
    public async Task RemindAsync_Answered_False()
    {
        await using var store = await OpenAsync();
        var (_, open) = await store.AskAsync("ask");
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(2));

        Assert.False(await store.Interactions.RemindAsync(open.Id, ContractTimes.Now.AddHours(2), ContractTimes.Now.AddHours(2)));
    }

    [Fact]
    public async Task ListAsync_Filters_OpenOldestFirstByTaskAndLimit()
    {
        await using var store = await OpenAsync();
        var (first, a) = await store.AskAsync("first", at: ContractTimes.Now.AddSeconds(1));
        var (second, b) = await store.AskAsync("second", at: ContractTimes.Now.AddSeconds(2));
        var c = await store.OpenAsync(first, InteractionSteps.Question(), ContractTimes.Now.AddSeconds(3));
        await store.Interactions.RespondAsync(a.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(4));

        var open = await store.Interactions.ListAsync(new InteractionQuery());
        var all = await store.Interactions.ListAsync(new InteractionQuery(Status: null));
        var ofFirst = await store.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: first.Task.Id));
        var limited = await store.Interactions.ListAsync(new InteractionQuery(Status: null, Limit: 1));
        var answered = await store.Interactions.ListAsync(new InteractionQuery(Status: InteractionStatus.Answered));

        Assert.Equal([b.Id, c!.Id], open.Select(i => i.Id));
        Assert.Equal([a.Id, b.Id, c.Id], all.Select(i => i.Id));
        Assert.Equal([a.Id, c.Id], ofFirst.Select(i => i.Id));
        Assert.Equal([a.Id], limited.Select(i => i.Id));
        Assert.Equal([a.Id], answered.Select(i => i.Id));
        Assert.Equal(second.Task.Id, b.TaskId);
    }

    [Fact]
    public async Task FinishAsync_TaskEndsWhileWaiting_OpenInteractionsWithdrawnInTheSameChange()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        var cancel = await store.Tasks.CancelAsync(claim.Task.Id, ContractTimes.Now.AddSeconds(2));

        var finished = await store.EndAsync(claim, AttemptState.Cancelled, TaskState.Cancelled, "cancelled");

        Assert.Equal(CancelOutcome.Requested, cancel.Outcome);
        Assert.NotEqual(FinishOutcome.Rejected, finished);
        Assert.Equal(TaskState.Cancelled, await store.StatusAsync(claim.Task.Id));
        var withdrawn = await store.InteractionAsync(open.Id);
        Assert.Equal((InteractionStatus.Withdrawn, "the task was cancelled"), (withdrawn.Status, withdrawn.CloseReason));
        var ended = (await store.EventsOfAsync(claim.Task.Id))[^1];
        Assert.Equal((EventTypes.TaskCancelled, "input_required"), (ended.Type, ended.OldStatus));
    }

    [Fact]
    public async Task FinishAsync_TaskFailsWhileWaiting_WithdrawnAsFailed()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        await store.EndAsync(claim, AttemptState.Failed, TaskState.Failed, "the CLI crashed");

        Assert.Equal(TaskState.Failed, await store.StatusAsync(claim.Task.Id));
        Assert.Equal("the task failed", (await store.InteractionAsync(open.Id)).CloseReason);
    }
}
