using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Baton.Storage.Contract;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// A write that commits with its events in one round trip trusts the subscriptions it last read to be none, checked
/// under the routes lock: one added since, here or on another node, still hears the next event.
/// </summary>
public sealed class PostgresWebhookRoutingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnqueueAsync_SubscriptionAddedSinceLastWrite_DeliveryQueued(bool byAnotherNode)
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("routes"));
        await using var writer = await PostgresChangeSignalTests.OpenAsync(location);
        await using var other = await PostgresChangeSignalTests.OpenAsync(location);
        var tasks = writer.GetRequiredService<ITaskStore>();
        // This node now knows that no subscription exists.
        await tasks.EnqueueAsync("before", ContractTimes.Command(), ContractTimes.Now);

        var subscriber = (byAnotherNode ? other : writer).GetRequiredService<IWebhookStore>();
        var added = await subscriber.AddAsync(new NewWebhook(
            WebhookIds.NewSubscription(), "http://127.0.0.1:9/all", WebhookIds.NewEndpoint(), WebhookSecret.Generate(), null, null, null, ContractTimes.Now, "cli:dev"));
        await tasks.EnqueueAsync("after", ContractTimes.Command(), ContractTimes.Now);

        var deliveries = await writer.GetRequiredService<IWebhookStore>().ListDeliveriesAsync(new DeliveryQuery(SubscriptionId: added.Subscription.Id, Limit: 10));
        Assert.Equal("task.created", Assert.Single(deliveries).EventType);
        Assert.NotNull(await tasks.GetTaskAsync("after"));
    }
}
