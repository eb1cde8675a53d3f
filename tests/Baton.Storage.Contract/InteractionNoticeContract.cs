using Baton.Core.Events;
using Baton.Core.Notifications;
using Baton.Core.Webhooks;

namespace Baton.Storage.Contract;

/// <summary>What people hear of interactions: a notification for the task's owner, webhook deliveries carrying the interaction.</summary>
public abstract class InteractionNoticeContract : StoreContract
{
    [Fact]
    public async Task OpenAsync_OwnedTask_OwnerNotifiedThatItNeedsInput()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_needsyou", ContractTimes.Command("refactor") with { CreatedBy = "cli:dev" }, ContractTimes.Now);
        var claim = await store.ClaimAsync();

        await store.OpenAsync(claim, InteractionSteps.Approval());
        var taken = await store.Notifications.TakeAsync(
            new NotificationQuery(NotificationAudience.For("cli:dev", "dev"), null, UnreadOnly: true, Limit: 10, MarkDelivered: false), ContractTimes.Now);

        var notice = Assert.Single(taken);
        Assert.Equal(NotificationKinds.InputRequired, notice.Type);
        Assert.Equal("Task \"refactor\" (task_needsyou) needs your input: Bash: rm -rf build", notice.Message);
    }

    [Fact]
    public async Task OpenAndRespond_Subscribed_DeliveriesCarryTheInteraction()
    {
        await using var store = await OpenAsync();
        var added = await store.Webhooks.AddAsync(new NewWebhook(
            WebhookIds.NewSubscription(), "http://127.0.0.1:9/people", WebhookIds.NewEndpoint(), WebhookSecret.Generate(),
            [EventTypes.TaskInputRequired, EventTypes.InteractionAnswered], null, null, ContractTimes.Now, "cli:dev"));
        var (_, open) = await store.AskAsync("ask");
        await store.Interactions.RespondAsync(open.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(2));

        var claimed = await store.Webhooks.ClaimDueAsync(ContractTimes.Now.AddSeconds(3), ContractTimes.Now.AddSeconds(60), ContractTimes.Worker, 10);

        Assert.Equal([EventTypes.TaskInputRequired, EventTypes.InteractionAnswered], claimed.Select(d => d.Event.Type).Order(StringComparer.Ordinal).Reverse());
        Assert.All(claimed, d => Assert.Equal(added.Subscription.Id, d.SubscriptionId));
        Assert.All(claimed, d => Assert.Contains($"\"interaction_id\":\"{open.Id}\"", d.Event.Data, StringComparison.Ordinal));
    }
}
