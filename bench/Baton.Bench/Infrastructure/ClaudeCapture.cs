using System.Text.Json;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// One captured Claude Code stream-json run (tests/Baton.Core.Tests/Runners/Claude/Captures, embedded in the bench):
/// its <c>system/init</c> line, the assistant and user lines between, and its final <c>result</c> line.
/// </summary>
internal sealed record ClaudeCapture(string Version, string Init, IReadOnlyList<string> Body, string Result, string SessionId, string WorkingDirectory)
{
    /// <summary>Claude Code 2.1.330 reading a file with Bash in two turns, ending in success.</summary>
    public static ClaudeCapture ToolRun() => Load("2.1.330", "stream-json_tool-run.jsonl");

    /// <summary>Every line in the order Claude Code printed them.</summary>
    public IEnumerable<string> Lines => [Init, .. Body, Result];

    private static ClaudeCapture Load(string version, string file)
    {
        var name = $"claude-{version}/{file}";
        using var stream = typeof(ClaudeCapture).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the capture {name} is not embedded in the bench");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var init = JsonDocument.Parse(lines[0]);
        return new ClaudeCapture(
            version,
            lines[0],
            lines[1..^1],
            lines[^1],
            init.RootElement.GetProperty("session_id").GetString()!,
            init.RootElement.GetProperty("cwd").GetString()!);
    }
}
