using Baton.Core.Events;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Followers on a node read that node's own commits from memory, and the log for other nodes' events.</summary>
public sealed class PostgresCommittedEventsTests
{
    [Fact]
    public async Task ReadRecent_AnotherNodeWroteBetween_StopsBeforeItsEventAndTheCursorReadsItFromTheLog()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("recent"));
        await using var here = await PostgresStores.OpenAsync(location);
        await using var there = await PostgresStores.OpenAsync(location);
        await here.QueueAsync("first", ContractTimes.Now);
        await there.QueueAsync("other", ContractTimes.Now);
        await here.QueueAsync("third", ContractTimes.Now);
        var ids = (await here.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100))).Select(e => e.Id).ToList();

        var recent = here.Events.ReadRecent(0, EventFilter.All, 100);
        var cursor = new EventCursor(here.Events, EventFilter.All, 0);
        var read = new List<EventRecord>();
        for (var i = 0; i < 5 && cursor.Position < ids[^1]; i++)
        {
            read.AddRange(await cursor.ReadAsync());
        }

        Assert.Equal(3, ids.Count);
        Assert.NotNull(recent);
        Assert.Equal([ids[0]], recent.Events.Select(e => e.Id));
        Assert.Null(here.Events.ReadRecent(ids[0], EventFilter.All, 100));
        Assert.Equal([ids[2]], here.Events.ReadRecent(ids[1], EventFilter.All, 100)!.Events.Select(e => e.Id));
        Assert.Equal(await here.Events.ReadAsync(new EventQuery(0, EventFilter.All, 100)), read);
    }
}
