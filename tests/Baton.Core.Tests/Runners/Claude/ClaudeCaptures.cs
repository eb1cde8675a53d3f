using Baton.Core.Processes;
using Baton.Core.Runners.Claude;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Claude;

/// <summary>Feeds captured Claude Code output, byte for byte, through the same line splitter the runner uses.</summary>
internal static class ClaudeCaptures
{
    public const string WorkingDirectory = "/home/dev/project";

    public static string PathOf(string version, string name) =>
        Path.Combine(RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", $"claude-{version}", name + ".jsonl");

    public static ClaudeStreamParser Parse(string version, string name) => Parse(File.ReadAllBytes(PathOf(version, name)));

    public static ClaudeStreamParser Parse(byte[] output, int chunkSize = 4096)
    {
        var parser = new ClaudeStreamParser(WorkingDirectory);
        var lines = new LineSplitter(line => parser.Consume(line));
        for (var offset = 0; offset < output.Length; offset += chunkSize)
        {
            lines.Write(output.AsSpan(offset, Math.Min(chunkSize, output.Length - offset)));
        }

        lines.Flush();
        return parser;
    }
}
