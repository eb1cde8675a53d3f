using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteTaskStoreListTests
{
    [Fact]
    public async Task ListTasksAsync_NoFilter_ReturnsNewestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.AddAsync(TestTasks.Definition("first"));
        var second = await database.AddAsync(TestTasks.Definition("second"));
        var third = await database.AddAsync(TestTasks.Definition("third"));

        var tasks = await database.Tasks.ListTasksAsync(new TaskQuery());

        Assert.Equal([third, second, first], tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_Limit_ReturnsThatManyNewest()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await database.AddAsync());
        }

        var tasks = await database.Tasks.ListTasksAsync(new TaskQuery(Limit: 2));

        Assert.Equal([ids[4], ids[3]], tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasksAsync_TagFilter_ReturnsOnlyTasksWithTheTag()
    {
        await using var database = await TestDatabase.CreateAsync();
        var both = await database.AddAsync(TestTasks.Definition(tags: ["gpu", "nightly"]));
        var gpu = await database.AddAsync(TestTasks.Definition(tags: ["gpu"]));
        await database.AddAsync(TestTasks.Definition(tags: []));

        Assert.Equal([both], (await database.Tasks.ListTasksAsync(new TaskQuery(Tag: "nightly"))).Select(t => t.Id));
        Assert.Equal([gpu, both], (await database.Tasks.ListTasksAsync(new TaskQuery(Tag: "gpu"))).Select(t => t.Id));
        Assert.Empty(await database.Tasks.ListTasksAsync(new TaskQuery(Tag: "gp")));
    }

    [Fact]
    public async Task ListTasksAsync_StatusFilter_ReturnsOnlyTasksInThatStatus()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var pending = await database.AddAsync();
        var cancelled = await database.AddAsync();
        await database.Tasks.CancelAsync(cancelled, TestTasks.Now);

        var running = await database.Tasks.ListTasksAsync(new TaskQuery(Status: TaskState.Running));
        var waiting = await database.Tasks.ListTasksAsync(new TaskQuery(Status: TaskState.Pending));
        var ended = await database.Tasks.ListTasksAsync(new TaskQuery(Status: TaskState.Cancelled));

        Assert.Equal([claim.Task.Id], running.Select(t => t.Id));
        Assert.Equal([pending], waiting.Select(t => t.Id));
        Assert.Equal([cancelled], ended.Select(t => t.Id));
        Assert.Empty(await database.Tasks.ListTasksAsync(new TaskQuery(Status: TaskState.Completed)));
    }

    [Fact]
    public async Task ListTasksAsync_StatusAndTag_BothApply()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "ok"));
        var taggedPending = await database.AddAsync(TestTasks.Definition(tags: ["ci"]));
        await database.AddAsync();

        var tasks = await database.Tasks.ListTasksAsync(new TaskQuery(Status: TaskState.Pending, Tag: "ci"));

        Assert.Equal([taggedPending], tasks.Select(t => t.Id));
    }
}
