using Baton.Core.Runners.Gemini;

namespace Baton.Core.Tests.Runners.Gemini;

public sealed class GeminiTranscriptTests
{
    [Fact]
    public void Render_ToolCapture_ShowsSessionPromptToolAnswerAndResult()
    {
        Assert.Equal(
            [
                "── session 9b846416-061f-4dcd-8e12-3e0e09c89f2e · model auto",
                "user: What is in hello.txt?",
                "  → read_file hello.txt",
                "  ← (no output)",
                "assistant: The file contains: hello world",
                "── result: success (1 tool calls, 4620 tokens, 107 ms)",
            ],
            Render("stream-json_tool.jsonl"));
    }

    [Fact]
    public void Render_Api400Capture_ShowsTheFailedResult()
    {
        Assert.Equal(
            "── result: failed: [API Error: {\"error\":{\"code\":400,\"message\":\"mock bad request\",\"status\":\"INVALID_ARGUMENT\"}}] (0 tool calls, 0 tokens, 0 ms)",
            Render("stream-json_api-400.jsonl")[^1]);
    }

    [Fact]
    public void Render_ResumeCapture_ShowsTheFollowUpAndAnswer()
    {
        Assert.Equal(
            ["user: again", "assistant: The file contains: hello world"],
            Render("stream-json_resume.jsonl")[1..3]);
    }

    [Fact]
    public void Render_AcpApproveCapture_ShowsSessionPermissionToolAnswerAndTurnEnd()
    {
        Assert.Equal(
            [
                "── session 32c5b3b4-3984-4d68-b90b-a333e3eee960",
                "  ? permission: run_shell_command: echo hi > out.txt",
                "  ← (no output)",
                "assistant: Done ",
                "assistant: now.",
                "── turn ended: end_turn (300 input, 30 output tokens)",
            ],
            Render("acp_approve.jsonl"));
    }

    [Theory]
    [InlineData("[baton] resuming gemini session x")]
    [InlineData("{not json")]
    public void Render_NotAnEvent_ShownAsItIs(string line)
    {
        Assert.Equal([line], GeminiTranscript.Render(line, "/w"));
    }

    private static List<string> Render(string capture) =>
        [.. File.ReadLines(FakeGemini.Capture(capture)).SelectMany(line => GeminiTranscript.Render(line, "/w"))];
}
