using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners.Codex;

public sealed class CodexTranscriptTests
{
    [Fact]
    public void Render_ToolCapture_ShowsThreadCommandOutputAnswerAndUsage()
    {
        Assert.Equal(
            [
                "── thread 01a1ff99-3954-7d83-ad8d-a99357589919",
                "  → Bash: cat hello.txt",
                "  ← hello world",
                "assistant: The file contains: hello world",
                "── turn completed (3000 input tokens, 2048 cached, 80 output, 24 reasoning)",
            ],
            Render("exec-json_tool.jsonl"));
    }

    [Fact]
    public void Render_Api400Capture_ShowsTheErrorAndTheFailedTurn()
    {
        Assert.Equal(
            [
                "── thread 01a1ff99-70d2-7362-81a9-d73f5f0f0240",
                "!! error: mock bad request (invalid_request_error)",
                "── turn failed: mock bad request (invalid_request_error)",
            ],
            Render("exec-json_api-400.jsonl"));
    }

    [Fact]
    public void Render_TextCapture_ShowsTheWarningItem()
    {
        var lines = Render("exec-json_text.jsonl");

        Assert.Equal(4, lines.Count);
        Assert.StartsWith("!! Model metadata for `gpt-5-codex` not found.", lines[1], StringComparison.Ordinal);
        Assert.Equal("assistant: The file contains: hello world", lines[2]);
    }

    [Fact]
    public void Render_ResumeCapture_ShowsTheRunningTotal()
    {
        Assert.Equal(
            "── turn completed (4500 input tokens, 3072 cached, 120 output, 36 reasoning)",
            Render("exec-json_resume.jsonl")[^1]);
    }

    [Theory]
    [InlineData("[baton] resuming codex session x")]
    [InlineData("{not json")]
    public void Render_NotAnEvent_ShownAsItIs(string line)
    {
        Assert.Equal([line], CodexTranscript.Render(line, "/w"));
    }

    private static List<string> Render(string capture) =>
        [.. File.ReadLines(FakeCodex.Capture(capture)).SelectMany(line => CodexTranscript.Render(line, "/w"))];
}
