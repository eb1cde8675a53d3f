using Baton.Core.Webhooks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Webhooks;

public sealed class SqliteWebhookStoreOutboxTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task ClaimDueAsync_Claimed_NotDueAgainUntilTheLeaseEnds()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");

        var claimed = Assert.Single(await store.ClaimDueAsync(T0, T0.AddMinutes(1), "w", 10));

        Assert.Equal(("task.completed", "t1", 0, null), (claimed.Event.Type, claimed.Event.TaskId, claimed.Attempts, claimed.Body));
        Assert.Empty(await store.ClaimDueAsync(T0.AddSeconds(59), T0.AddMinutes(2), "w", 10));
        Assert.Equal(T0.AddMinutes(1), await store.NextDueAsync());
        Assert.Equal(claimed.Id, Assert.Single(await store.ClaimDueAsync(T0.AddMinutes(1), T0.AddMinutes(2), "w", 10)).Id);
    }

    [Fact]
    public async Task ResetClaimsAsync_AfterACrash_ClaimedDeliveriesDueAtOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");
        await db.LogAsync("task.failed", taskId: "t2");
        var before = await store.ClaimDueAsync(T0, T0.AddHours(1), "dead", 10);

        var reset = await store.ResetClaimsAsync(T0.AddSeconds(1), claim => claim.StartsWith("dead#", StringComparison.Ordinal));

        Assert.Equal(2, reset);
        var again = await store.ClaimDueAsync(T0.AddSeconds(1), T0.AddHours(1), "alive", 10);
        Assert.Equal(before.Select(d => d.Id).Order(), again.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task RecordAttemptAsync_FailThenSucceed_BodyFrozenAndHistoryKept()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");
        var first = Assert.Single(await store.ClaimDueAsync(T0, T0.AddMinutes(1), "w", 10));
        var failed = AttemptResult.Answered(500);
        await store.RecordAttemptAsync(new DeliveryAttempt(first.Seq, T0, failed, TimeSpan.FromMilliseconds(3), "{\"a\":1}", DeliveryOutcome.Decide(failed, 1, RetrySchedule.Default, T0)));

        var pending = (await store.ListDeliveriesAsync(new DeliveryQuery(FailedOnly: true)))[0];
        Assert.Equal(("pending", 1, 500, T0.AddSeconds(5)), (pending.Status, pending.Attempts, pending.LastStatusCode, pending.NextAttemptAt));
        var second = Assert.Single(await store.ClaimDueAsync(T0.AddSeconds(5), T0.AddMinutes(2), "w", 10));
        Assert.Equal(("{\"a\":1}", first.Id, 1), (second.Body, second.Id, second.Attempts));
        var ok = AttemptResult.Answered(204);
        await store.RecordAttemptAsync(new DeliveryAttempt(second.Seq, T0.AddSeconds(5), ok, TimeSpan.Zero, "{\"changed\":true}", DeliveryOutcome.Decide(ok, 2, RetrySchedule.Default, T0)));

        var delivered = await store.GetDeliveryAsync(first.Id);
        Assert.Equal(("delivered", 2, 204, T0.AddSeconds(5)), (delivered!.Status, delivered.Attempts, delivered.LastStatusCode, delivered.DeliveredAt));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery(FailedOnly: true)));
        Assert.Null(await store.NextDueAsync());
    }

    [Fact]
    public async Task RemoveAsync_PendingDeliveries_DroppedHistoryKept()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        var webhook = await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");
        var done = Assert.Single(await store.ClaimDueAsync(T0, T0.AddMinutes(1), "w", 10));
        var ok = AttemptResult.Answered(200);
        await store.RecordAttemptAsync(new DeliveryAttempt(done.Seq, T0, ok, TimeSpan.Zero, "{}", DeliveryOutcome.Decide(ok, 1, RetrySchedule.Default, T0)));
        await db.LogAsync("task.failed", taskId: "t2");
        var inFlight = Assert.Single(await store.ClaimDueAsync(T0, T0.AddMinutes(1), "w", 10));

        Assert.True(await store.RemoveAsync(webhook.Subscription.Id));
        // The attempt in flight when it was removed finds no row to record on, and nothing fails.
        await store.RecordAttemptAsync(new DeliveryAttempt(inFlight.Seq, T0, ok, TimeSpan.Zero, "{}", DeliveryOutcome.Decide(ok, 1, RetrySchedule.Default, T0)));
        await db.LogAsync("task.completed", taskId: "t3");

        var left = Assert.Single(await store.AllAsync());
        Assert.Equal((done.Id, "delivered"), (left.Id, left.Status));
        Assert.Null(await store.NextDueAsync());
        Assert.Empty(await store.ListAsync(includeTasks: true));
        Assert.False(await store.RemoveAsync(webhook.Subscription.Id));
        Assert.False(await store.RedeliverAsync(done.Id, T0));
    }

    [Fact]
    public async Task RedeliverAsync_DeliveredOnce_DueAgainWithTheSameId()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        await store.SubscribeAsync();
        await db.LogAsync("task.completed", taskId: "t1");
        var first = Assert.Single(await store.ClaimDueAsync(T0, T0.AddMinutes(1), "w", 10));
        var ok = AttemptResult.Answered(200);
        await store.RecordAttemptAsync(new DeliveryAttempt(first.Seq, T0, ok, TimeSpan.Zero, "{\"x\":1}", DeliveryOutcome.Decide(ok, 1, RetrySchedule.Default, T0)));

        Assert.True(await store.RedeliverAsync(first.Id, T0.AddHours(1)));

        var again = Assert.Single(await store.ClaimDueAsync(T0.AddHours(1), T0.AddHours(2), "w", 10));
        Assert.Equal((first.Id, "{\"x\":1}", 1), (again.Id, again.Body, again.Attempts));
    }

    [Fact]
    public async Task RotateAsync_NewSecret_PreviousKeptUntilExpiry()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteWebhookStore(db.Options);
        var webhook = await store.SubscribeAsync();

        var rotated = await store.RotateAsync(webhook.Subscription.Endpoint.Id, "whsec_new", T0.AddHours(24));

        Assert.Equal(("whsec_new", webhook.Subscription.Endpoint.Secret, T0.AddHours(24)), (rotated!.Secret, rotated.PreviousSecret, rotated.PreviousSecretExpiresAt));
    }
}
