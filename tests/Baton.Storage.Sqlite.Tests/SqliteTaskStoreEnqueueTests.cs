using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteTaskStoreEnqueueTests
{
    [Fact]
    public async Task EnqueueAsync_NewTask_StoresEveryFieldAsPendingDueNow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var definition = new TaskDefinition
        {
            Name = "nightly build",
            Runner = "command",
            Program = "make",
            Arguments = ["-j", "4", "all targets"],
            WorkingDirectory = "/srv/project",
            Environment = new Dictionary<string, string> { ["MODE"] = "fast", ["EMPTY"] = string.Empty },
            Priority = TaskPriority.High,
            TimeoutSeconds = 90,
            MaxRetries = 5,
            RetryBackoff = RetryBackoff.Fixed,
            RetryOnTimeout = true,
            Tags = ["ci", "nightly"],
            Metadata = new Dictionary<string, string> { ["owner"] = "ops" },
            IdempotencyKey = "build-42",
        };

        var result = await database.Tasks.EnqueueAsync("abcdabcdabcd", definition, TestTasks.Now);
        var stored = await database.GetAsync("abcdabcdabcd");

        Assert.True(result.Created);
        foreach (var task in new[] { result.Task, stored })
        {
            Assert.Equal("abcdabcdabcd", task.Id);
            Assert.Equal(TaskState.Pending, task.Status);
            Assert.Equal(TestTasks.Now, task.CreatedAt);
            Assert.Equal(TestTasks.Now, task.UpdatedAt);
            Assert.Equal(TestTasks.Now, task.DueAt);
            Assert.Null(task.StartedAt);
            Assert.Null(task.CompletedAt);
            Assert.Equal(0, task.AttemptCount);
            Assert.Equal(0, task.FailureCount);
            Assert.False(task.CancelRequested);
            var d = task.Definition;
            Assert.Equal(("nightly build", "command", "make", "/srv/project"), (d.Name, d.Runner, d.Program, d.WorkingDirectory));
            Assert.Equal(["-j", "4", "all targets"], d.Arguments);
            Assert.Equal(definition.Environment, d.Environment);
            Assert.Equal((TaskPriority.High, 90, 5, RetryBackoff.Fixed, true), (d.Priority, d.TimeoutSeconds, d.MaxRetries, d.RetryBackoff, d.RetryOnTimeout));
            Assert.Equal(["ci", "nightly"], d.Tags);
            Assert.Equal(definition.Metadata, d.Metadata);
            Assert.Null(d.RunAt);
            Assert.Equal("build-42", d.IdempotencyKey);
        }
    }

    [Fact]
    public async Task EnqueueAsync_RunAtInFuture_DueAtIsRunAt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runAt = TestTasks.Now.AddHours(2);

        var id = await database.AddAsync(TestTasks.Definition(runAt: runAt));

        var task = await database.GetAsync(id);
        Assert.Equal(runAt, task.DueAt);
        Assert.Equal(runAt, task.Definition.RunAt);
    }

    [Fact]
    public async Task EnqueueAsync_KnownIdempotencyKey_ReturnsExistingTaskWithoutInserting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.Tasks.EnqueueAsync("aaaaaaaaaaaa", TestTasks.Definition("first", idempotencyKey: "key-1"), TestTasks.Now);

        var second = await database.Tasks.EnqueueAsync("bbbbbbbbbbbb", TestTasks.Definition("second", idempotencyKey: "key-1"), TestTasks.Now.AddMinutes(1));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("aaaaaaaaaaaa", second.Task.Id);
        Assert.Equal("first", second.Task.Definition.Name);
        Assert.Null(await database.Tasks.GetTaskAsync("bbbbbbbbbbbb"));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM tasks"));
    }

    [Fact]
    public async Task EnqueueAsync_DifferentIdempotencyKeys_InsertsBoth()
    {
        await using var database = await TestDatabase.CreateAsync();

        await database.AddAsync(TestTasks.Definition(idempotencyKey: "key-1"));
        await database.AddAsync(TestTasks.Definition(idempotencyKey: "key-2"));
        await database.AddAsync();
        await database.AddAsync();

        Assert.Equal(4L, await database.ScalarAsync("SELECT count(*) FROM tasks"));
    }

    [Fact]
    public async Task EnqueueAsync_RepeatedTag_StoredOnce()
    {
        await using var database = await TestDatabase.CreateAsync();

        var id = await database.AddAsync(TestTasks.Definition(tags: ["ci", "ci"]));

        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM task_tags"));
        Assert.Equal(["ci", "ci"], (await database.GetAsync(id)).Definition.Tags);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownId_ReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.AddAsync();

        Assert.Null(await database.Tasks.GetTaskAsync("zzzzzzzzzzzz"));
    }

    [Fact]
    public async Task FindIdsByPrefixAsync_SharedPrefix_ReturnsMatchesInIdOrderUpToLimit()
    {
        await using var database = await TestDatabase.CreateAsync();
        foreach (var id in new[] { "abcd00000002", "abce00000000", "abcd00000001", "abc000000000" })
        {
            await database.Tasks.EnqueueAsync(id, TestTasks.Definition(), TestTasks.Now);
        }

        Assert.Equal(["abcd00000001", "abcd00000002"], await database.Tasks.FindIdsByPrefixAsync("abcd", 10));
        Assert.Equal(["abcd00000001"], await database.Tasks.FindIdsByPrefixAsync("abcd", 1));
        Assert.Equal(["abce00000000"], await database.Tasks.FindIdsByPrefixAsync("abce", 10));
        Assert.Equal(["abcd00000002"], await database.Tasks.FindIdsByPrefixAsync("abcd00000002", 10));
        Assert.Empty(await database.Tasks.FindIdsByPrefixAsync("zzzz", 10));
    }

    [Fact]
    public async Task GetAttemptsAsync_NeverClaimed_ReturnsEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync();

        Assert.Empty(await database.Tasks.GetAttemptsAsync(id));
    }
}
