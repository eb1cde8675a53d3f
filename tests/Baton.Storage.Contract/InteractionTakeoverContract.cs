using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions taken over after a crash: the next attempt's same ask finds the open one or its answer, not a delivered one.</summary>
public abstract class InteractionTakeoverContract : StoreContract
{
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
}
