using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary><c>baton init claude</c>: Baton's entry in the project's .mcp.json, merged with what is there, or printed.</summary>
public sealed class InitClaudeTests : IDisposable
{
    private readonly BatonHome home = new();

    private string McpJson => Path.Combine(home.Work, ".mcp.json");

    [Fact]
    public async Task InitClaude_WithAnExistingMcpJson_AddsBatonAndKeepsTheOtherServersAndKeys()
    {
        File.WriteAllText(McpJson, """{"mcpServers": {"other": {"command": "npx", "args": ["other-server"]}}, "custom": 1}""");

        var first = await home.RunAsync("init", "claude", "--json");
        var afterFirst = File.ReadAllText(McpJson);
        var second = await home.RunAsync("init", "claude", "--json");
        var config = JsonNode.Parse(File.ReadAllText(McpJson))!;

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("added", first.Json.GetProperty("outcome").GetString());
        Assert.Equal(McpJson, first.Json.GetProperty("file").GetString());
        Assert.Equal("unchanged", second.Json.GetProperty("outcome").GetString());
        Assert.Equal(afterFirst, File.ReadAllText(McpJson));
        Assert.Equal("npx", config["mcpServers"]!["other"]!["command"]!.GetValue<string>());
        Assert.Equal(1, config["custom"]!.GetValue<int>());
        var baton = config["mcpServers"]!["baton"]!;
        Assert.Equal("stdio", baton["type"]!.GetValue<string>());
        Assert.Equal(BatonExecutable.Path, baton["command"]!.GetValue<string>());
        Assert.Equal(["mcp"], baton["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task InitClaude_WithBatonHomeAndDbSet_KeepsThemInTheEntryAndSaysHowHeadlessClaudeApprovesIt()
    {
        var db = Path.Combine(home.Dir, "other.db");

        var result = await home.RunAsync(["init", "claude"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["BATON_DB"] = db });
        var env = JsonNode.Parse(File.ReadAllText(McpJson))!["mcpServers"]!["baton"]!["env"]!.AsObject();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([("BATON_DB", db), ("BATON_HOME", home.Dir)], env.Select(e => (e.Key, e.Value!.GetValue<string>())).OrderBy(e => e.Key));
        Assert.Contains("claude -p", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"enableAllProjectMcpServers\": true", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--mcp-config .mcp.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitClaude_WithoutBatonHome_WritesNoEnvironment()
    {
        var result = await home.RunAsync(["init", "claude"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["BATON_HOME"] = "" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(JsonNode.Parse(File.ReadAllText(McpJson))!["mcpServers"]!["baton"]!["env"]!.AsObject());
    }

    [Fact]
    public async Task InitClaude_WithAnOlderBatonEntry_ReplacesIt()
    {
        File.WriteAllText(McpJson, """{"mcpServers": {"baton": {"command": "/old/baton", "args": ["mcp"]}}}""");

        var result = await home.RunAsync("init", "claude");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Updated the 'baton' MCP server", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(BatonExecutable.Path, JsonNode.Parse(File.ReadAllText(McpJson))!["mcpServers"]!["baton"]!["command"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"mcpServers\": {")]
    [InlineData("[1, 2]")]
    [InlineData("{\"mcpServers\": []}")]
    public async Task InitClaude_WithAnMcpJsonItCannotMerge_RefusesAndLeavesTheFileAlone(string content)
    {
        File.WriteAllText(McpJson, content);

        var result = await home.RunAsync("init", "claude");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".mcp.json", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(McpJson));
    }

    [Fact]
    public async Task InitClaude_WithPrint_PrintsTheClaudeMcpAddCommandAndWritesNothing()
    {
        var project = await home.RunAsync("init", "claude", "--print");
        var user = await home.RunAsync("init", "claude", "--scope", "user", "--print");

        Assert.Equal(0, project.ExitCode);
        Assert.Equal($"claude mcp add --scope project baton -e BATON_HOME={home.Dir} -- {BatonExecutable.Path} mcp", project.Stdout.Trim());
        Assert.Equal($"claude mcp add --scope user baton -e BATON_HOME={home.Dir} -- {BatonExecutable.Path} mcp", user.Stdout.Trim());
        Assert.False(File.Exists(McpJson));
    }

    [Fact]
    public async Task InitClaude_ForTheUserWithoutClaudeOnPath_SaysWhatToRunOnceItIs()
    {
        var result = await home.RunAsync(["init", "claude", "--scope", "user"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });

        Assert.Equal(5, result.ExitCode);
        Assert.Contains($"'claude' is not on PATH; once it is, run: claude mcp add --scope user baton -e BATON_HOME={home.Dir} -- {BatonExecutable.Path} mcp", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitClaude_ForTheUser_AsksClaudeCodeToAddTheServerAndReplacesAnExistingOne()
    {
        // A stand-in for claude that records its arguments and, like claude, refuses to add a server twice.
        var bin = Directory.CreateDirectory(Path.Combine(home.Dir, "bin")).FullName;
        var calls = Path.Combine(home.Dir, "claude-calls");
        var fake = Path.Combine(bin, "claude");
        File.WriteAllText(fake, $"#!/bin/sh\necho \"$*\" >> {calls}\n[ \"$2\" = remove ] && rm -f {calls}.added\n[ \"$2\" = add ] && [ -e {calls}.added ] && exit 1\n[ \"$2\" = add ] && touch {calls}.added\nexit 0\n");
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        var path = new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/bin:/bin" };

        var first = await home.RunAsync(["init", "claude", "--scope", "user"], TimeSpan.FromSeconds(60), path);
        var second = await home.RunAsync(["init", "claude", "--scope", "user"], TimeSpan.FromSeconds(60), path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Added the 'baton' MCP server to your Claude Code user configuration", first.Stderr, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Updated the 'baton' MCP server", second.Stderr, StringComparison.Ordinal);
        var add = $"mcp add --scope user baton -e BATON_HOME={home.Dir} -- {BatonExecutable.Path} mcp";
        Assert.Equal([add, add, "mcp remove --scope user baton", add], File.ReadAllLines(calls));
    }

    public void Dispose() => home.Dispose();
}
