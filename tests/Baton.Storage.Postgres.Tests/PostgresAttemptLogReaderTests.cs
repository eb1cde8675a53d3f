using Baton.Core.Attempts;
using Baton.Core.Logs;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// Core's log reader over attempt logs shipped to PostgreSQL as the running node ships them: a real capped log file
/// copied in chunks from where the last copy ended while it grows, and read by a follower on the side.
/// </summary>
public sealed class PostgresAttemptLogReaderTests : IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private static readonly AttemptKey Attempt = new("readtask0001", 1);
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("baton-pg-logs-");

    [Fact]
    public async Task CopyFromAsync_LogPastItsCapShippedWhileItGrows_FollowerAndLateReaderGetTheFileExactly()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var reader = new AttemptLogReader(logs.Store);
        var path = Path.Combine(directory.FullName, "attempt.log");
        using var followed = new MemoryStream();
        long shipped = 0, read = 0;
        var output = new byte[700 * 1024];
        new Random(7).NextBytes(output);
        using (var log = AttemptLog.Create(path, capBytes: 10 * 1024 * 1024, tailBytes: 1024))
        {
            for (var i = 0; i < 16; i++)
            {
                log.WriteStdout(output);
                shipped = await ShipAsync(logs, path, shipped);
                read = await reader.CopyFromAsync(Attempt, path, read, followed);
            }
        }

        shipped = await ShipAsync(logs, path, shipped);
        read = await reader.CopyFromAsync(Attempt, path, read, followed);

        var file = await File.ReadAllBytesAsync(path);
        Assert.EndsWith("later output was not kept\n", System.Text.Encoding.UTF8.GetString(file.AsSpan(file.Length - 100)));
        Assert.Equal((file.Length, file.Length), (shipped, read));
        Assert.True(file.AsSpan().SequenceEqual(followed.ToArray()));
        await using var late = reader.Open(Attempt, path);
        using var whole = new MemoryStream();
        await late!.CopyToAsync(whole);
        Assert.True(file.AsSpan().SequenceEqual(whole.ToArray()));
    }

    [Fact]
    public async Task CopyFromAsync_ChunkMissing_StopsBeforeItAndGoesOnOnceItArrives()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var reader = new AttemptLogReader(logs.Store);
        await logs.Store.AppendAsync(Attempt, 0, "one\n"u8.ToArray());
        await logs.Store.AppendAsync(Attempt, 8, "three\n"u8.ToArray());
        using var followed = new MemoryStream();

        var offset = await reader.CopyFromAsync(Attempt, "/nonexistent", 0, followed);

        Assert.Equal(4, offset);
        await logs.Store.AppendAsync(Attempt, 4, "two\n"u8.ToArray());
        Assert.Equal(14, await reader.CopyFromAsync(Attempt, "/nonexistent", offset, followed));
        Assert.Equal("one\ntwo\nthree\n"u8.ToArray(), followed.ToArray());
    }

    public void Dispose() => directory.Delete(recursive: true);

    /// <summary>Ships what the file holds past <paramref name="shipped"/>, a chunk at a time, as the running node does.</summary>
    private static async Task<long> ShipAsync(SharedLogs logs, string path, long shipped)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(shipped, SeekOrigin.Begin);
        var buffer = new byte[ChunkBytes];
        int count;
        while ((count = await file.ReadAsync(buffer)) > 0)
        {
            await logs.Store.AppendAsync(Attempt, shipped, buffer.AsMemory(0, count));
            shipped += count;
        }

        return shipped;
    }
}
