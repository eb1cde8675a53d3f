using Baton.Core.Events;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Events;

/// <summary>Followers in the writing process read its own commits from memory, and the log for anything else.</summary>
public sealed class CommittedEventsTests
{
    [Fact]
    public async Task ReadRecent_AnotherProcessWroteBetween_StopsBeforeItsEventAndTheCursorReadsItFromTheLog()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        await db.AddAndClaimAsync(); // task.created (1), task.started (2), by this process
        await using (var connection = db.OpenRawConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO events (type, at, message) VALUES ('milestone', 0, 'from another process')";
            await command.ExecuteNonQueryAsync();
        }

        await db.AddAsync(); // task.created (4), by this process again

        var recent = events.ReadRecent(0, EventFilter.All, 100);
        var cursor = new EventCursor(events, EventFilter.All, 0);
        var read = new List<EventRecord>();
        for (var i = 0; i < 5 && cursor.Position < 4; i++)
        {
            read.AddRange(await cursor.ReadAsync());
        }

        Assert.NotNull(recent);
        Assert.Equal([1L, 2L], recent.Events.Select(e => e.Id));
        Assert.Equal(2, recent.ScannedThrough);
        Assert.Null(events.ReadRecent(2, EventFilter.All, 100));
        Assert.Equal([1L, 2L, 3L, 4L], read.Select(e => e.Id));
        Assert.Equal("from another process", read[2].Message);
        Assert.Equal(await events.ReadAsync(new EventQuery(0, EventFilter.All, 100)), read);
    }

    [Fact]
    public async Task ReadRecent_Filtered_ScansPastEventsItLeavesOut()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var first = await db.AddAsync();
        await db.AddAsync();

        var recent = events.ReadRecent(0, new EventFilter(TaskId: first), 100);

        Assert.NotNull(recent);
        Assert.Equal(first, Assert.Single(recent.Events).TaskId);
        Assert.Equal(2, recent.ScannedThrough);
    }
}
