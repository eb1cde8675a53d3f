using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>The write-ahead log stays bounded while the daemon's background checkpointer runs beside sustained writes.</summary>
public sealed class SqliteCheckpointerTests
{
    private const int Writers = 4;
    private const int WritesEach = 6_000;
    private const int RowBytes = 4_000;

    [Fact]
    public async Task SustainedWrites_WithTheBackgroundCheckpointer_LogStartsOverInsteadOfGrowing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new SqliteStoreOptions { DatabasePath = database.Path, CheckpointInBackground = true };
        await using var writer = new SqliteDatabase(options);
        await writer.WriteAsync(s => s.Command("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)").ExecuteNonQueryAsync(), default);
        using var stopping = new CancellationTokenSource();
        var checkpointer = new SqliteCheckpointer(options, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        var checkpointing = checkpointer.RunAsync(stopping.Token);

        // Four writers that never pause: about 96 MB of pages, so a log that never starts over grows past that.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var body = new byte[RowBytes];
            for (var i = 0; i < WritesEach; i++)
            {
                await writer.WriteAsync(s => s.Command("INSERT INTO scratch (body) VALUES ($body)").With("$body", body).ExecuteNonQueryAsync(), default);
            }
        })));
        await stopping.CancelAsync();
        await checkpointing;

        Assert.Equal((long)Writers * WritesEach, await database.ScalarAsync("SELECT count(*) FROM scratch"));
        // The file keeps the longest the log ever was (it is only truncated past the size limit, above this). A log
        // that never starts over holds every page written (it grew to 151 MB for half these writes); one that starts
        // over stays near the writer's bound of 2,000 pages (8 MB), more while the background checkpoint keeps the
        // writer's from running (20.5 MB seen on a loaded machine). Half of what was written tells the two apart.
        var logBytes = new FileInfo(database.Path + "-wal").Length;
        var bound = (long)Writers * WritesEach * RowBytes / 2;
        Assert.True(logBytes <= bound, $"the log grew to {logBytes:N0} bytes; it should start over within {bound:N0}");
    }
}
