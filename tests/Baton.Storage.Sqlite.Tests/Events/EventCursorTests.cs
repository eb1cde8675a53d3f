using Baton.Core.Events;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Events;

public sealed class EventCursorTests
{
    [Fact]
    public async Task NextAsync_FilterLeavesEventsOut_PositionMovesPastThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        var wanted = await db.AddAsync();
        await db.AddAsync();
        await db.AddAsync();
        var cursor = new EventCursor(store, new EventFilter(TaskId: wanted), 0);

        var first = await cursor.NextAsync(TimeSpan.Zero);
        var second = await cursor.NextAsync(TimeSpan.Zero);

        Assert.Equal([wanted], first.Select(e => e.TaskId));
        Assert.Empty(second);
        // Past the other tasks' events too, so that a waiting reader is not woken by them again and again.
        Assert.Equal(await store.LatestIdAsync(), cursor.Position);
    }

    [Fact]
    public async Task NextAsync_AppendedAfterARead_ReturnsOnlyTheNewEvents()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        await db.AddAsync();
        var cursor = new EventCursor(store, EventFilter.All, 0);
        await cursor.NextAsync(TimeSpan.Zero);

        var added = await db.AddAsync();
        var next = await cursor.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([added], next.Select(e => e.TaskId));
    }

    [Fact]
    public async Task ReadAsync_MoreThanAPage_ReturnsEveryEventOnceInOrder()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        for (var i = 0; i < EventLogTiming.PageSize + 20; i++)
        {
            await db.AddAsync();
        }

        var cursor = new EventCursor(store, EventFilter.All, 0);
        var read = new List<long>();
        IReadOnlyList<EventRecord> page;
        var pages = 0;
        do
        {
            page = await cursor.ReadAsync();
            read.AddRange(page.Select(e => e.Id));
            pages++;
        }
        while (page.Count > 0);

        var all = await store.ReadAsync(new EventQuery(0, EventFilter.All, 10_000));
        Assert.Equal(all.Select(e => e.Id), read);
        Assert.Equal((all.Count / EventLogTiming.PageSize) + 1 + (all.Count % EventLogTiming.PageSize > 0 ? 1 : 0), pages);
        Assert.Equal(all[^1].Id, cursor.Position);
    }

    [Fact]
    public async Task NextAsync_ChangeInThisProcessWhileWaiting_WakesBeforeTheWaitEnds()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        var cursor = new EventCursor(store, EventFilter.All, await store.LatestIdAsync());

        var next = cursor.NextAsync(TimeSpan.FromMinutes(5));
        var added = await db.AddAsync();

        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal([added], (await next).Select(e => e.TaskId));
    }

    [Fact]
    public async Task Skip_EarlierId_NeverMovesBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        var cursor = new EventCursor(store, EventFilter.All, 10);

        cursor.Skip(4);
        cursor.Skip(12);

        Assert.Equal(12, cursor.Position);
    }
}
