using Baton.Core.Events;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Storage.Sqlite.Tests.Events;

public sealed class EventFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SubscribeAsync_BacklogThenLive_EveryEventOnceInOrder()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        await using var feed = new EventFeed(store, NullLogger<EventFeed>.Instance);
        var before = await db.AddAsync();
        using var cancel = new CancellationTokenSource(Deadline);

        var received = new List<EventRecord>();
        var reading = Task.Run(async () =>
        {
            await foreach (var record in feed.SubscribeAsync(0, EventFilter.All, cancel.Token))
            {
                received.Add(record);
                if (received.Count == 3)
                {
                    return;
                }
            }
        });
        await WaitForAsync(() => feed.SubscriberCount == 1);
        var live = new[] { await db.AddAsync(), await db.AddAsync() };
        await reading.WaitAsync(Deadline);

        Assert.Equal([before, .. live], received.Select(e => e.TaskId));
        Assert.Equal(received.Select(e => e.Id).Order(), received.Select(e => e.Id));
    }

    [Fact]
    public async Task SubscribeAsync_FilterByTask_OnlyThatTasksEvents()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var store = new SqliteEventStore(db.Options);
        await using var feed = new EventFeed(store, NullLogger<EventFeed>.Instance);
        var wanted = await db.AddAsync();
        using var cancel = new CancellationTokenSource(Deadline);

        var received = new List<EventRecord>();
        var reading = Task.Run(async () =>
        {
            await foreach (var record in feed.SubscribeAsync(0, new EventFilter(TaskId: wanted), cancel.Token))
            {
                received.Add(record);
                if (record.Type == EventTypes.TaskStarted)
                {
                    return;
                }
            }
        });
        await db.AddAsync();
        await db.ClaimAsync();
        await reading.WaitAsync(Deadline);

        Assert.Equal(["task.created", "task.started"], received.Select(e => e.Type));
        Assert.All(received, e => Assert.Equal(wanted, e.TaskId));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
