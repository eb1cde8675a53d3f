using Baton.Core.Webhooks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Webhooks;

public sealed class SqliteWebhookStoreFanOutTests
{
    [Fact]
    public async Task Trigger_RealTaskLifecycle_StandingSubscriptionGetsEveryEvent()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        var added = await store.SubscribeAsync();
        var claim = await db.AddAndClaimAsync();

        var deliveries = await store.AllAsync();

        Assert.Equal(["task.created", "task.started"], deliveries.Select(d => d.EventType));
        Assert.All(deliveries, d => Assert.Equal((added.Subscription.Id, "pending", 0), (d.SubscriptionId, d.Status, d.Attempts)));
        Assert.Equal(2, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.All(deliveries, d => Assert.StartsWith("msg_", d.Id, StringComparison.Ordinal));
        Assert.NotNull(claim);
    }

    [Fact]
    public async Task Trigger_EventFilter_OnlyListedTypesQueued()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync(events: ["task.completed", "task.failed"]);

        await db.LogAsync("task.started", taskId: "t1");
        await db.LogAsync("task.completed", taskId: "t1");
        await db.LogAsync("task.failed", taskId: "t2");

        Assert.Equal(["task.completed", "task.failed"], (await store.AllAsync()).Select(d => d.EventType));
    }

    [Fact]
    public async Task Trigger_TaskSubscription_OnlyThatTasksEvents()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync(taskId: "t1");

        await db.LogAsync("task.completed", taskId: "t2");
        await db.LogAsync("task.completed", taskId: "t1");

        var only = Assert.Single(await store.AllAsync());
        Assert.Equal("task.completed", only.EventType);
    }

    [Fact]
    public async Task Trigger_WorkflowSubscription_WorkflowAndItsTasksOnly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync(workflowId: "w1");

        await db.LogAsync("workflow.started", workflowId: "w1");
        await db.LogAsync("workflow.started", workflowId: "w2");
        await db.LogAsync("task.completed", taskId: "t1", workflowId: "w1");
        await db.LogAsync("task.completed", taskId: "t2");

        Assert.Equal(["workflow.started", "task.completed"], (await store.AllAsync()).Select(d => d.EventType));
    }

    [Fact]
    public async Task Trigger_DisabledEndpoint_NothingQueued()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");
        var first = Assert.Single(await store.ClaimDueAsync(TestTasks.Now, TestTasks.Now.AddMinutes(1), "w", 10));
        await store.RecordAttemptAsync(new DeliveryAttempt(first.Seq, TestTasks.Now, AttemptResult.Answered(410), TimeSpan.Zero, "{}",
            DeliveryOutcome.Decide(AttemptResult.Answered(410), 1, RetrySchedule.Default, TestTasks.Now)));

        await db.LogAsync("task.completed", taskId: "t2");

        var all = await store.AllAsync();
        Assert.Equal(("failed", 410), (Assert.Single(all).Status, all[0].LastStatusCode));
        var webhook = Assert.Single(await store.ListAsync(includeTasks: false));
        Assert.NotNull(webhook.Endpoint.DisabledAt);
        Assert.Contains("410", webhook.Endpoint.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_SameUrlTwice_OneEndpointSecretOnlyNewOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);

        var first = await store.SubscribeAsync(url: "http://127.0.0.1:9/same");
        var second = await store.SubscribeAsync(url: "http://127.0.0.1:9/same", taskId: "t1");

        Assert.True(first.EndpointCreated);
        Assert.False(second.EndpointCreated);
        Assert.Null(second.NewSecret);
        Assert.Equal(first.Subscription.Endpoint.Id, second.Subscription.Endpoint.Id);
        Assert.Single(await store.ListAsync(includeTasks: false));
        Assert.Equal(2, (await store.ListAsync(includeTasks: true)).Count);
    }

    [Fact]
    public async Task QueueTestAsync_TwoSubscriptions_OnlyTheTestedOneGetsIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        var tested = await store.SubscribeAsync(url: "http://127.0.0.1:9/a");
        await store.SubscribeAsync(url: "http://127.0.0.1:9/b");

        var id = await store.QueueTestAsync(tested.Subscription.Id, TestTasks.Now);

        var only = Assert.Single(await store.AllAsync());
        Assert.Equal((id, "webhook.test", tested.Subscription.Id), (only.Id, only.EventType, only.SubscriptionId));
        Assert.Null(await store.QueueTestAsync("wh_missing", TestTasks.Now));
    }
}
