using System.Text.Json;
using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners.Codex;

public sealed class CodexStepsTests
{
    [Theory]
    [InlineData("/bin/bash -lc 'cat hello.txt'", "cat hello.txt")]
    [InlineData("bash -lc 'echo '\\''hi'\\'''", "echo 'hi'")]
    [InlineData("/bin/zsh -lc \"grep \\\"a b\\\" x\"", "grep \"a b\" x")]
    [InlineData("sh -c ls", "ls")]
    [InlineData("ls -la", "ls -la")]
    public void UnwrapShell_Wrapped_ReturnsTheInnerCommand(string command, string expected)
    {
        Assert.Equal(expected, CodexSteps.UnwrapShell(command));
    }

    [Theory]
    [InlineData("""{"type":"file_change","changes":[{"path":"/w/src/a.ts","kind":"update"}]}""", "Edit src/a.ts")]
    [InlineData("""{"type":"file_change","changes":[{"path":"b.md","kind":"add"},{"path":"c.md","kind":"add"}]}""", "Write b.md (+1 more)")]
    [InlineData("""{"type":"file_change","changes":[{"path":"old.txt","kind":"delete"}]}""", "Delete old.txt")]
    [InlineData("""{"type":"mcp_tool_call","server":"github","tool":"search_issues","arguments":{}}""", "github.search_issues")]
    [InlineData("""{"type":"web_search","query":"dotnet 10"}""", "WebSearch: dotnet 10")]
    [InlineData("""{"type":"command_execution","command":"/bin/bash -lc 'npm test\nnpm run lint'"}""", "Bash: npm test ...")]
    public void Describe_Item_NamesTheAction(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, CodexSteps.Describe(document.RootElement, "/w"));
    }

    [Fact]
    public void Describe_AgentMessage_IsNoStep()
    {
        using var document = JsonDocument.Parse("""{"type":"agent_message","text":"hi"}""");

        Assert.Null(CodexSteps.Describe(document.RootElement, "/w"));
    }
}
