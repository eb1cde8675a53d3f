using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

public sealed class ClaudeTranscriptTests
{
    [Fact]
    public void Render_ToolRunCapture_ReadableTranscript()
    {
        var transcript = File.ReadAllLines(ClaudeCaptures.PathOf("2.1.330", "stream-json_tool-run"))
            .SelectMany(line => ClaudeTranscript.Render(line, ClaudeCaptures.WorkingDirectory)).ToList();

        Assert.Equal(
            [
                "── session 99a4f191-2f96-4922-bf34-46165fcdfa6d · model claude-opus-5-5 · /home/dev/project",
                "assistant: I'll read the file.",
                "  → Bash: cat hello.txt",
                "  ← hello world",
                "assistant: The file contains: hello world",
                "── result: success (2 turns, $0.0114)",
            ],
            transcript);
    }

    [Fact]
    public void Render_PermissionDeniedCapture_ShowsTheDenialAndTheFailedToolResult()
    {
        var transcript = File.ReadAllLines(ClaudeCaptures.PathOf("2.1.330", "stream-json_permission-denied"))
            .SelectMany(line => ClaudeTranscript.Render(line, ClaudeCaptures.WorkingDirectory)).ToList();

        Assert.Contains(transcript, l => l.StartsWith("!! permission denied for Bash: Output redirection", StringComparison.Ordinal));
        Assert.Contains(transcript, l => l.StartsWith("  ✗ Output redirection", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LineThatIsNotJson_ShownAsItIs() =>
        Assert.Equal(["[baton] resuming claude session x"], ClaudeTranscript.Render("[baton] resuming claude session x", "/w"));
}
