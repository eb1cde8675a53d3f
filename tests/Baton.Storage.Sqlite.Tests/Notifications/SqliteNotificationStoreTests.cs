using Baton.Core.Attempts;
using Baton.Core.Notifications;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Notifications;

public sealed class SqliteNotificationStoreTests
{
    private static readonly DateTimeOffset Later = TestTasks.Now.AddMinutes(1);
    private static readonly NotificationAudience Alice = NotificationAudience.For("cli:alice", "alice");

    private static NotificationQuery Query(NotificationAudience? audience = null, string? workflow = null, bool unreadOnly = true, int limit = 20, bool mark = true) =>
        new(audience ?? Alice, workflow, unreadOnly, limit, mark);

    [Fact]
    public async Task TakeAsync_UnreadNotifications_ReturnsNewestFirstAndMarksThemDelivered()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        var first = await db.InsertAsync("cli:alice", message: "one");
        var second = await db.InsertAsync("mcp:alice", message: "two");

        var taken = await store.TakeAsync(Query(), Later);
        var again = await store.TakeAsync(Query(), Later);

        Assert.Equal([second, first], taken.Select(n => n.Id));
        Assert.All(taken, n => Assert.Equal(Later, n.DeliveredAt));
        Assert.Empty(again);
        Assert.Equal(0L, await db.ScalarAsync("SELECT count(*) FROM events e WHERE e.notify IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.event_id = e.id)"));
    }

    [Fact]
    public async Task TakeAsync_Peek_ReturnsWithoutMarking()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        await db.InsertAsync("cli:alice");

        var peeked = await store.TakeAsync(Query(mark: false), Later);
        var taken = await store.TakeAsync(Query(), Later);

        Assert.Null(Assert.Single(peeked).DeliveredAt);
        Assert.Equal(Later, Assert.Single(taken).DeliveredAt);
    }

    [Fact]
    public async Task TakeAsync_UnreadOnlyFalse_AlsoReturnsDeliveredOnesWithTheirFirstDeliveryTime()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        var old = await db.InsertAsync("cli:alice");
        await store.TakeAsync(Query(), TestTasks.Now);
        var fresh = await db.InsertAsync("cli:alice");

        var all = await store.TakeAsync(Query(unreadOnly: false), Later);

        Assert.Equal([fresh, old], all.Select(n => n.Id));
        Assert.Equal([Later, TestTasks.Now], all.Select(n => n.DeliveredAt!.Value));
    }

    [Fact]
    public async Task TakeAsync_WorkflowFilter_ReturnsAndMarksOnlyThatWorkflows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        var mine = await db.InsertAsync("cli:alice", workflowId: "wf-one");
        await db.InsertAsync("cli:alice", workflowId: "wf-two");
        await db.InsertAsync("cli:alice");

        var taken = await store.TakeAsync(Query(workflow: "wf-one"), Later);

        Assert.Equal(mine, Assert.Single(taken).Id);
        Assert.Equal(2L, await db.ScalarAsync("SELECT count(*) FROM events e WHERE e.notify IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.event_id = e.id)"));
    }

    [Fact]
    public async Task TakeAsync_LocalCaller_SeesItsUserAcrossInterfacesLoopbackAndUnownedButNoOneElse()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        long[] visible =
        [
            await db.InsertAsync("cli:alice"), await db.InsertAsync("mcp:alice"), await db.InsertAsync("loopback"), await db.InsertAsync(null),
        ];
        await db.InsertAsync("cli:bob");
        await db.InsertAsync("token:ci");

        var taken = await store.TakeAsync(Query(mark: false), Later);

        Assert.Equal(visible.Reverse(), taken.Select(n => n.Id));
    }

    [Fact]
    public async Task TakeAsync_TokenCaller_SeesOnlyItsOwnAndLeavesOthersUnread()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        var own = await db.InsertAsync("token:ci");
        await db.InsertAsync("token:other");
        await db.InsertAsync("loopback");
        await db.InsertAsync(null);

        var taken = await store.TakeAsync(Query(NotificationAudience.For("token:ci", "alice")), Later);

        Assert.Equal(own, Assert.Single(taken).Id);
        Assert.Equal(3L, await db.ScalarAsync("SELECT count(*) FROM events e WHERE e.notify IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.event_id = e.id)"));
    }

    [Fact]
    public async Task TakeAsync_Limit_TakesTheNewestAndLeavesTheRestUnread()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await db.InsertAsync("cli:alice"));
        }

        var first = await store.TakeAsync(Query(limit: 2), Later);
        var rest = await store.TakeAsync(Query(limit: 10), Later);

        Assert.Equal([ids[4], ids[3]], first.Select(n => n.Id));
        Assert.Equal([ids[2], ids[1], ids[0]], rest.Select(n => n.Id));
    }

    [Fact]
    public async Task TakeAsync_TaskCompletedThroughTheStore_TriggerNotifiesItsCreator()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteNotificationStore(db.Options);
        await db.AddAsync(TestTasks.Definition("deploy") with { CreatedBy = "mcp:alice" });
        var claim = await db.ClaimAsync();
        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "ok"));

        var taken = Assert.Single(await store.TakeAsync(Query(), Later));

        Assert.Equal(("task_complete", claim.Task.Id), (taken.Type, taken.TaskId));
        Assert.Equal($"Task \"deploy\" ({claim.Task.Id}) completed", taken.Message);
    }
}
