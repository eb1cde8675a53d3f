using System.Text;
using Baton.Core.Logs;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Logs;

public sealed class AttemptLogTests : IDisposable
{
    private const string CutMarker = "log cut here";
    private readonly TempDirectory directory = new();

    [Fact]
    public void Create_NoOutput_CreatesNoFile()
    {
        var path = Path.Combine(directory.Path, "task", "1.log");

        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            Assert.Equal(path, log.Path);
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Write_DiskFull_RecordsWhyFiresTheTokenKeepsTheTailsAndNeverThrows()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        using var log = AttemptLog.Create("/dev/full", 1024 * 1024, 256);

        log.WriteStdout("first\n"u8);
        log.WriteStdout("second\n"u8);
        log.WriteNotice("a notice after the failure");

        Assert.True(log.WriteFailed.IsCancellationRequested);
        Assert.Equal("the disk holding '/dev' is full, so the attempt's log could not be written and the attempt was stopped; free some space and retry the task", log.WriteFailure);
        Assert.Equal("first\nsecond\n", log.StdoutTail);
    }

    [Fact]
    public void WriteStdout_MissingFolder_CreatesFolderAndFile()
    {
        var path = Path.Combine(directory.Path, "task", "1.log");

        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            log.WriteStdout("x\n"u8);
        }

        Assert.Equal("x\n", File.ReadAllText(path));
    }

    [Fact]
    public void Write_BelowCap_FileHoldsAllOutputInOrder()
    {
        var path = directory.File("1.log");
        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            log.WriteStdout("out 1\n"u8);
            log.WriteStderr("err 1\n"u8);
            log.WriteStdout("out 2\n"u8);

            Assert.False(log.Truncated);
            Assert.Equal("out 1\nout 2\n", log.StdoutTail);
            Assert.Equal("err 1\n", log.StderrTail);
        }

        Assert.Equal("out 1\nerr 1\nout 2\n", File.ReadAllText(path));
    }

    [Fact]
    public void WriteNotice_Always_PrefixedInFileButNotInTails()
    {
        var path = directory.File("1.log");
        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            log.WriteNotice("attempt stopped");

            Assert.Equal(string.Empty, log.StdoutTail);
            Assert.Equal(string.Empty, log.StderrTail);
        }

        Assert.Equal("[baton] attempt stopped\n", File.ReadAllText(path));
    }

    [Fact]
    public void Write_PastCap_FileKeepsCapBytesAndExactlyOneCutMarker()
    {
        const int cap = 1024;
        var path = directory.File("1.log");
        using (var log = AttemptLog.Create(path, cap, 256))
        {
            var chunk = Encoding.ASCII.GetBytes(new string('a', 100));
            for (var i = 0; i < 30; i++)
            {
                log.WriteStdout(chunk);
            }

            log.WriteStderr(Encoding.ASCII.GetBytes(new string('e', 5000)));
            log.WriteStdout("the very end\n"u8);

            Assert.True(log.Truncated);
        }

        var bytes = File.ReadAllBytes(path);
        Assert.All(bytes[..cap], b => Assert.Equal((byte)'a', b));
        var rest = Encoding.UTF8.GetString(bytes[cap..]);
        Assert.StartsWith("\n[baton] " + CutMarker, rest, StringComparison.Ordinal);
        Assert.EndsWith("\n", rest, StringComparison.Ordinal);
        Assert.Equal(2, rest.Count(c => c == '\n'));
        Assert.Equal(1, CountOccurrences(Encoding.UTF8.GetString(bytes), CutMarker));
        Assert.Contains($"cap of {cap} bytes", rest, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PastCap_TailsStillShowLatestOutput()
    {
        var path = directory.File("1.log");
        using var log = AttemptLog.Create(path, 1024, 256);

        log.WriteStdout(Encoding.ASCII.GetBytes(new string('a', 4000)));
        log.WriteStderr(Encoding.ASCII.GetBytes(new string('e', 4000)));
        log.WriteStdout("result line\n"u8);
        log.WriteStderr("last error\n"u8);

        Assert.EndsWith("a" + "result line\n", log.StdoutTail, StringComparison.Ordinal);
        Assert.Equal(256, Encoding.UTF8.GetByteCount(log.StdoutTail));
        Assert.EndsWith("e" + "last error\n", log.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SingleChunkExactlyFillingCap_NoCutMarker()
    {
        var path = directory.File("1.log");
        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            log.WriteStdout(Encoding.ASCII.GetBytes(new string('a', 1024)));

            Assert.False(log.Truncated);
        }

        Assert.Equal(1024, new FileInfo(path).Length);
    }

    [Fact]
    public void Write_OneByteOverCap_CutsAndMarks()
    {
        var path = directory.File("1.log");
        using (var log = AttemptLog.Create(path, 1024, 256))
        {
            log.WriteStdout(Encoding.ASCII.GetBytes(new string('a', 1024)));
            log.WriteStdout("b"u8);

            Assert.True(log.Truncated);
        }

        var text = File.ReadAllText(path);
        Assert.StartsWith(new string('a', 1024) + "\n[baton] " + CutMarker, text, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(text, CutMarker));
    }

    public void Dispose() => directory.Dispose();

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
