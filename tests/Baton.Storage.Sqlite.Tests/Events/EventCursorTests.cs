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
}
