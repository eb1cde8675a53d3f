using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions nobody answers: reminded of once however many nodes race, then expired with or without a policy answer.</summary>
public abstract class InteractionExpiryContract : StoreContract
{
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
}
