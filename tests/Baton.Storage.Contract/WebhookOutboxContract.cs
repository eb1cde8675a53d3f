using Baton.Core.Webhooks;

namespace Baton.Storage.Contract;

/// <summary>The webhook outbox: an event queues a delivery for each subscription that hears it, in the event's transaction.</summary>
public abstract class WebhookOutboxContract : StoreContract
{
    [Fact]
    public async Task FinishAsync_MatchingSubscriptions_GetADeliveryAndOthersDoNot()
    {
        await using var store = await OpenAsync();
        var standing = await SubscribeAsync(store, "http://127.0.0.1:9/all", null, null);
        var ends = await SubscribeAsync(store, "http://127.0.0.1:9/ends", ["task.completed"], null);
        var otherTask = await SubscribeAsync(store, "http://127.0.0.1:9/other", null, "task_someone");
        var ownTask = await SubscribeAsync(store, "http://127.0.0.1:9/own", ["task.completed"], "task_outbox1");

        await store.Tasks.EnqueueAsync("task_outbox1", ContractTimes.Command(), ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var deliveries = (await store.Webhooks.ListDeliveriesAsync(new DeliveryQuery(Limit: 100))).Reverse().ToList();

        (string, string)[] expected =
        [
            (standing, "task.created"), (standing, "task.started"), (standing, "task.completed"), (ends, "task.completed"), (ownTask, "task.completed"),
        ];
        Assert.Equal(expected.Order(), deliveries.Select(d => (d.SubscriptionId, d.EventType)).Order());
        Assert.DoesNotContain(deliveries, d => d.SubscriptionId == otherTask);
        Assert.All(deliveries, d => Assert.Matches("^msg_[0-9a-f]{24}$", d.Id));
        Assert.All(deliveries, d => Assert.Equal("pending", d.Status));
    }

    [Fact]
    public async Task FinishAsync_EndpointDisabled_NothingQueued()
    {
        await using var store = await OpenAsync();
        var gone = await SubscribeAsync(store, "http://127.0.0.1:9/gone", null, null);
        await store.Tasks.EnqueueAsync("task_outbox1", ContractTimes.Command(), ContractTimes.Now);
        var delivery = Assert.Single(await store.Webhooks.ClaimDueAsync(ContractTimes.Now, ContractTimes.LeaseUntil, ContractTimes.Worker, 10));
        var answer = AttemptResult.Answered(410);
        await store.Webhooks.RecordAttemptAsync(new DeliveryAttempt(delivery.Seq, ContractTimes.Now, answer, TimeSpan.FromMilliseconds(5), "{}",
            DeliveryOutcome.Decide(answer, 1, RetrySchedule.Default, ContractTimes.Now)));

        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var deliveries = await store.Webhooks.ListDeliveriesAsync(new DeliveryQuery(SubscriptionId: gone, Limit: 100));

        Assert.Equal("task.created", Assert.Single(deliveries).EventType);
    }

    [Fact]
    public async Task ResetClaimsAsync_GoneClaimer_ItsDeliveriesDueAtOnce_OthersInFlightKeepTheirClaims()
    {
        await using var store = await OpenAsync();
        await SubscribeAsync(store, "http://127.0.0.1:9/all", null, null);
        await store.Tasks.EnqueueAsync("task_outbox1", ContractTimes.Command(), ContractTimes.Now);
        await store.Tasks.EnqueueAsync("task_outbox2", ContractTimes.Command(), ContractTimes.Now);
        var dead = Assert.Single(await store.Webhooks.ClaimDueAsync(ContractTimes.Now, ContractTimes.Now.AddHours(1), "dead-node", 1));
        var alive = Assert.Single(await store.Webhooks.ClaimDueAsync(ContractTimes.Now, ContractTimes.Now.AddHours(1), "live-node", 1));

        var reset = await store.Webhooks.ResetClaimsAsync(ContractTimes.Now.AddSeconds(1), claim => claim.StartsWith("dead-node", StringComparison.Ordinal));

        Assert.Equal(1, reset);
        var again = await store.Webhooks.ClaimDueAsync(ContractTimes.Now.AddSeconds(1), ContractTimes.Now.AddHours(1), "other", 10);
        Assert.Equal([dead.Id], again.Select(d => d.Id));
        Assert.DoesNotContain(alive.Id, again.Select(d => d.Id));
    }

    private static async Task<string> SubscribeAsync(StoreUnderTest store, string url, IReadOnlyList<string>? events, string? taskId)
    {
        var added = await store.Webhooks.AddAsync(new NewWebhook(
            WebhookIds.NewSubscription(), url, WebhookIds.NewEndpoint(), WebhookSecret.Generate(), events, null, taskId, ContractTimes.Now, "cli:dev"));
        return added.Subscription.Id;
    }
}
