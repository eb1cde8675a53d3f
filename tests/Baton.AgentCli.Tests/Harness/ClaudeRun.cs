using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Harness;

/// <summary>What one run of the CLI printed, with stdout parsed as stream-json (one JSON object per line).</summary>
internal sealed record ClaudeRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<JsonObject> Lines { get; } =
        [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    /// <summary>The first line, which must be <c>system/init</c>.</summary>
    public JsonObject Init => Lines.Count > 0 ? Lines[0] : throw new InvalidOperationException($"no output\n{this}");

    /// <summary>The last line, which must be the <c>result</c>.</summary>
    public JsonObject Result => Lines.Count > 0 ? Lines[^1] : throw new InvalidOperationException($"no output\n{this}");

    public IEnumerable<JsonObject> OfType(string type) => Lines.Where(line => (string?)line["type"] == type);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
