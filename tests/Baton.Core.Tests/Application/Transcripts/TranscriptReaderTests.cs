using System.Text;
using Baton.Core.Application.Transcripts;

namespace Baton.Core.Tests.Application.Transcripts;

public sealed class TranscriptReaderTests
{
    private const string Assistant = """{"type":"assistant","message":{"content":[{"type":"text","text":"Looking at it"},{"type":"tool_use","name":"Bash","input":{"command":"ls"}}]}}""";

    [Fact]
    public async Task ReadAsync_ClaudeLines_EntriesWithKindsAndTheRenderersText()
    {
        using var log = Log($"{Assistant}\nplain stderr line\n");

        var page = await TranscriptReader.ReadAsync(log, 0, ended: true, "claude", "/work");

        Assert.Equal(["assistant", "tool_call", "output"], page.Entries.Select(e => e.Kind));
        Assert.Equal("assistant: Looking at it", page.Entries[0].Text);
        Assert.StartsWith("  → ", page.Entries[1].Text, StringComparison.Ordinal);
        Assert.Equal("plain stderr line", page.Entries[2].Text);
        Assert.True(page.ReachedEnd);
    }

    [Fact]
    public async Task ReadAsync_RunningAttemptWithHalfALine_StopsBeforeItThenReadsItFromTheOffset()
    {
        var whole = "first\nsecond, half";
        using var running = Log(whole);

        var page = await TranscriptReader.ReadAsync(running, 0, ended: false, "command", "/work");
        using var later = Log(whole + " written\nthird\n");
        var next = await TranscriptReader.ReadAsync(later, page.NextOffset, ended: false, "command", "/work");

        Assert.Equal(["first"], page.Entries.Select(e => e.Text));
        Assert.Equal(6, page.NextOffset);
        Assert.Equal(["second, half written", "third"], next.Entries.Select(e => e.Text));
        Assert.Equal(Encoding.UTF8.GetByteCount(whole + " written\nthird\n"), next.NextOffset);
    }

    [Fact]
    public async Task ReadAsync_EndedAttemptWithoutLastNewline_ReadsTheLastLine()
    {
        using var log = Log("one\r\ntwo");

        var page = await TranscriptReader.ReadAsync(log, 0, ended: true, "command", "/work");

        Assert.Equal(["one", "two"], page.Entries.Select(e => e.Text));
        Assert.Equal(8, page.NextOffset);
    }

    [Fact]
    public async Task ReadAsync_NonSeekableStreamFromAnOffset_SkipsWhatWasRead()
    {
        using var log = new NonSeekable(Encoding.UTF8.GetBytes("skip me\nkeep me\n"));

        var page = await TranscriptReader.ReadAsync(log, 8, ended: true, "command", "/work");

        Assert.Equal(["keep me"], page.Entries.Select(e => e.Text));
    }

    private static MemoryStream Log(string text) => new(Encoding.UTF8.GetBytes(text));

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
