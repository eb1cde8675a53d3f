using Baton.Core.Errors;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Group commit: writes queued while another commits share the next transaction, each undone alone if it fails.</summary>
public sealed class WriteQueueTests
{
    [Fact]
    public async Task WriteAsync_QueuedBehindAnotherWrite_SharedCommitKeepsEachOutcome()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var writer = new SqliteDatabase(database.Options);

        var release = new TaskCompletionSource();
        var holding = await HoldWriterAsync(writer, release.Task);
        var kept = writer.WriteAsync(s => Insert(s, "kept"), default);
        var thrown = writer.WriteAsync<int>(
            async s =>
            {
                await Insert(s, "undone");
                throw new InvalidOperationException("the work itself failed");
            },
            default);
        var duplicate = writer.WriteAsync(s => Insert(s, "kept"), default);
        var after = writer.WriteAsync(s => Insert(s, "after"), default);
        release.SetResult();

        Assert.Equal(1, await holding);
        Assert.Equal(1, await kept);
        Assert.Equal("the work itself failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => thrown)).Message);
        Assert.Equal(ErrorKind.StoreFailure, (await Assert.ThrowsAsync<BatonException>(() => duplicate)).Kind);
        Assert.Equal(1, await after);
        Assert.Equal("after,first,kept", await database.ScalarAsync("SELECT group_concat(id, ',' ORDER BY id) FROM scratch"));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_NeverRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var writer = new SqliteDatabase(database.Options);
        var release = new TaskCompletionSource();
        var holding = await HoldWriterAsync(writer, release.Task);
        using var cancel = new CancellationTokenSource();
        var cancelled = writer.WriteAsync(s => Insert(s, "cancelled"), cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult();
        await holding;

        Assert.Equal("first", await database.ScalarAsync("SELECT group_concat(id) FROM scratch"));
    }

    /// <summary>Makes a scratch table, then starts a write that holds the writer until <paramref name="release"/>.</summary>
    private static async Task<Task<int>> HoldWriterAsync(SqliteDatabase writer, Task release)
    {
        await writer.WriteAsync(s => s.Command("CREATE TABLE scratch (id TEXT PRIMARY KEY)").ExecuteNonQueryAsync(), default);
        var holding = writer.WriteAsync(
            async s =>
            {
                await release;
                return await Insert(s, "first");
            },
            default);
        await Poll.UntilAsync(() => writer.IsWriting, TimeSpan.FromSeconds(10), "the first write to hold the writer");
        return holding;
    }

    private static Task<int> Insert(WriteSession session, string id) =>
        session.Command("INSERT INTO scratch (id) VALUES ($id)").With("$id", id).ExecuteNonQueryAsync();
}
