using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions answered: once, by the first of two racing answers, and only while they are open.</summary>
public abstract class InteractionResponseContract : StoreContract
{
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
}
