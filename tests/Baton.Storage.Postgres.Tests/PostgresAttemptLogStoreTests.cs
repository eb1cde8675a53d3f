using Baton.Core.Attempts;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Attempt logs shipped in chunks: stored once, read back as one run of bytes that never skips a gap.</summary>
public sealed class PostgresAttemptLogStoreTests
{
    private static readonly AttemptKey Attempt = new("logtask00001", 1);

    [Fact]
    public async Task AppendAsync_ChunksOutOfOrderAndRepeated_ReadReturnsTheLogOnce()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var log = Bytes(3000, seed: 1);

        foreach (var (offset, length) in new[] { (2000, 1000), (0, 1000), (2000, 1000), (1000, 1000), (0, 1000) })
        {
            await logs.Store.AppendAsync(Attempt, offset, log.AsMemory(offset, length));
        }

        Assert.Equal(log, await logs.Store.ReadAsync(Attempt, 0, 1 << 20));
    }

    [Fact]
    public async Task ReadAsync_GapAfterTheFirstChunk_StopsAtTheGapUntilItArrives()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var log = Bytes(300, seed: 2);
        await logs.Store.AppendAsync(Attempt, 0, log.AsMemory(0, 100));
        await logs.Store.AppendAsync(Attempt, 200, log.AsMemory(200, 100));

        Assert.Equal(log[..100], await logs.Store.ReadAsync(Attempt, 0, 1000));
        Assert.Empty(await logs.Store.ReadAsync(Attempt, 100, 1000));
        Assert.Empty(await logs.Store.ReadAsync(Attempt, 150, 1000));

        await logs.Store.AppendAsync(Attempt, 100, log.AsMemory(100, 100));

        Assert.Equal(log, await logs.Store.ReadAsync(Attempt, 0, 1000));
        Assert.Equal(log[150..], await logs.Store.ReadAsync(Attempt, 150, 1000));
    }

    [Fact]
    public async Task ReadAsync_FromTheMiddleOfAChunkAcrossChunkBoundaries_ReturnsExactlyTheBytesAsked()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var log = Bytes(1000, seed: 3);
        int[] ends = [7, 100, 101, 350, 600, 999, 1000];
        var start = 0;
        foreach (var end in ends)
        {
            await logs.Store.AppendAsync(Attempt, start, log.AsMemory(start, end - start));
            start = end;
        }

        foreach (var (offset, max) in new[] { (0, 1), (3, 5), (5, 300), (130, 400), (100, 1), (101, 249), (599, 2), (998, 50), (999, 1), (1000, 10), (1200, 10) })
        {
            var expected = log.Skip(offset).Take(max).ToArray();
            Assert.Equal(expected, await logs.Store.ReadAsync(Attempt, offset, max));
        }
    }

    [Fact]
    public async Task AppendAsync_ChunkShippedAgainLongerAfterALostReply_KeepsTheLongerSoNoGapRemains()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var log = Bytes(500, seed: 4);
        await logs.Store.AppendAsync(Attempt, 0, log.AsMemory(0, 100));

        // The shipper did not hear back, and by its retry the file had grown: it ships from the same offset, longer.
        await logs.Store.AppendAsync(Attempt, 0, log.AsMemory(0, 300));
        await logs.Store.AppendAsync(Attempt, 300, log.AsMemory(300, 200));
        await logs.Store.AppendAsync(Attempt, 0, log.AsMemory(0, 100));

        Assert.Equal(log, await logs.Store.ReadAsync(Attempt, 0, 1000));
    }

    [Fact]
    public async Task ReadAsync_OtherAttemptsAndTasks_KeptApart()
    {
        await using var logs = await SharedLogs.OpenAsync();
        await logs.Store.AppendAsync(Attempt, 0, "first"u8.ToArray());
        await logs.Store.AppendAsync(Attempt with { Number = 2 }, 0, "second"u8.ToArray());
        await logs.Store.AppendAsync(new AttemptKey("logtask00002", 1), 0, "other"u8.ToArray());

        Assert.Equal("first"u8.ToArray(), await logs.Store.ReadAsync(Attempt, 0, 100));
        Assert.Equal("second"u8.ToArray(), await logs.Store.ReadAsync(Attempt with { Number = 2 }, 0, 100));
        Assert.Empty(await logs.Store.ReadAsync(new AttemptKey("logtask00003", 1), 0, 100));
    }

    [Fact]
    public async Task ReadAsync_TenMebibytesAndTheCutMarkerInChunks_RoundTripInPages()
    {
        await using var logs = await SharedLogs.OpenAsync();
        var log = Bytes(10 * 1024 * 1024, seed: 5).Concat("\n[baton] log cut here: it reached the cap\n"u8.ToArray()).ToArray();
        for (var offset = 0; offset < log.Length; offset += 256 * 1024)
        {
            await logs.Store.AppendAsync(Attempt, offset, log.AsMemory(offset, Math.Min(256 * 1024, log.Length - offset)));
        }

        using var read = new MemoryStream();
        while (await logs.Store.ReadAsync(Attempt, read.Length, 1024 * 1024 + 3) is { Length: > 0 } page)
        {
            read.Write(page);
        }

        Assert.Equal(log.Length, read.Length);
        Assert.True(log.AsSpan().SequenceEqual(read.ToArray()));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
