using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class AgentFileParserTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Parse_ClaudeCodeFile_ReadsEveryField()
    {
        var agent = AgentFiles.ParseValid(directory, """
            ---
            name: code-reviewer
            description: Reviews diffs. Use proactively after edits.
            tools: Read, Grep, Glob, Bash
            disallowedTools: Write, Edit
            model: sonnet
            permissionMode: acceptEdits
            maxTurns: 25
            effort: high
            ---

            You are a senior code reviewer.

            Review carefully.

            """);

        Assert.Equal("code-reviewer", agent.Name);
        Assert.Equal("Reviews diffs. Use proactively after edits.", agent.Description);
        Assert.Equal("You are a senior code reviewer.\n\nReview carefully.", agent.SystemPrompt);
        Assert.Equal(["Read", "Grep", "Glob", "Bash"], agent.Tools);
        Assert.Equal(["Write", "Edit"], agent.DisallowedTools);
        Assert.Equal("sonnet", agent.Model);
        Assert.Equal("acceptEdits", agent.PermissionMode);
        Assert.Equal(25, agent.MaxTurns);
        Assert.Equal("high", agent.Effort);
        Assert.Equal(directory.File("agent.md"), agent.SourcePath);
        Assert.Equal(AgentSource.Project, agent.Source);
    }

    [Fact]
    public void Parse_OnlyRequiredKeys_UsesDefaults()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("helper"));

        Assert.Null(agent.Tools);
        Assert.Empty(agent.DisallowedTools);
        Assert.Null(agent.Model);
        Assert.Null(agent.PermissionMode);
        Assert.Null(agent.MaxTurns);
        Assert.Null(agent.Effort);
        Assert.Equal("claude", agent.Runner);
        Assert.Null(agent.TimeoutSeconds);
        Assert.Null(agent.MaxRetries);
        Assert.False(agent.Worktree);
        Assert.Empty(agent.Environment);
        Assert.Equal("You are helper.", agent.SystemPrompt);
    }

    [Fact]
    public void Parse_ToolsAsYamlLists_ReadsBothForms()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("lister", """
            tools: [Read, "Bash(git diff:*)"]
            disallowedTools:
              - Write
              - Edit

            """));

        Assert.Equal(["Read", "Bash(git diff:*)"], agent.Tools);
        Assert.Equal(["Write", "Edit"], agent.DisallowedTools);
    }

    [Theory]
    [InlineData("tools: \"*\"\n")]
    [InlineData("tools: ['*']\n")]
    [InlineData("tools:\n")]
    public void Parse_ToolsStarOrEmpty_MeansAllTools(string tools)
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("all", tools));

        Assert.Null(agent.Tools);
    }

    [Fact]
    public void Parse_ToolsCommaStringWithBlanks_DropsEmptyEntries()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("blanks", "tools: Read,, Grep ,\n"));

        Assert.Equal(["Read", "Grep"], agent.Tools);
    }

    [Fact]
    public void Parse_BatonKeys_ReadsRunnerTimeoutRetriesWorktreeAndEnv()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("upgrader", """
            runner: codex
            timeout_seconds: 5400
            max_retries: 0
            worktree: true
            env:
              CI: "true"
              RETRIES: 3
              EMPTY:

            """));

        Assert.Equal("codex", agent.Runner);
        Assert.Equal(5400, agent.TimeoutSeconds);
        Assert.Equal(0, agent.MaxRetries);
        Assert.True(agent.Worktree);
        Assert.Equal(new Dictionary<string, string> { ["CI"] = "true", ["RETRIES"] = "3", ["EMPTY"] = "" }, agent.Environment);
    }

    [Fact]
    public void Parse_AgentMcp_OnUnlessFalseAndCarriedIntoTheTask()
    {
        var plain = AgentFiles.ParseValid(directory, AgentFiles.Valid("plain", string.Empty));
        var off = AgentFiles.ParseValid(directory, AgentFiles.Valid("quiet", "agent_mcp: false\n"));

        Assert.True(plain.AgentMcp);
        Assert.False(off.AgentMcp);
        Assert.Null(Baton.Core.Application.TaskRequestBuilder.ToSpec(plain).AgentMcp);
        Assert.False(Baton.Core.Application.TaskRequestBuilder.ToSpec(off).AgentMcp);
    }

    [Fact]
    public void Parse_AgentMcpMisspelt_ReportedWithTheKeyBatonReads()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, AgentFiles.Valid("quiet", "agentMcp: false\n"));

        Assert.Contains("agent_mcp", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    [InlineData("gemini")]
    [InlineData("command")]
    public void Parse_EachKnownRunner_IsAccepted(string runner)
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("r", $"runner: {runner}\n"));

        Assert.Equal(runner, agent.Runner);
    }

    [Fact]
    public void Parse_UnknownClaudeCodeKeys_AreIgnored()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("rich", """
            color: blue
            skills: [my-skill]
            memory: project
            isolation: worktree
            hooks:
              PreToolUse:
                - matcher: Bash
                  hooks: [{ type: command, command: ./check.sh }]
            mcpServers:
              github: { command: gh-mcp }
            initialPrompt: Start here

            """));

        Assert.Equal("rich", agent.Name);
        Assert.False(agent.Worktree);
    }

    [Fact]
    public void Parse_DescriptionWithLiteralBackslashN_BecomesNewline()
    {
        var agent = AgentFiles.ParseValid(directory, "---\nname: multi\ndescription: First line.\\nSecond line.\n---\nBody\n");

        Assert.Equal("First line.\nSecond line.", agent.Description);
    }

    [Fact]
    public void Parse_QuotedDescriptionWithColons_IsAccepted()
    {
        var agent = AgentFiles.ParseValid(directory, "---\nname: quoted\ndescription: \"Use when: the diff is large\"\n---\nBody\n");

        Assert.Equal("Use when: the diff is large", agent.Description);
    }

    [Fact]
    public void Parse_CrlfLineEndingsAndBom_ParseLikeLf()
    {
        var agent = AgentFiles.ParseValid(directory, "\uFEFF---\r\nname: windows\r\ndescription: From a CRLF checkout.\r\n---\r\nLine one.\r\nLine two.\r\n");

        Assert.Equal("windows", agent.Name);
        Assert.Equal("Line one.\nLine two.", agent.SystemPrompt);
    }

    [Fact]
    public void Parse_BodyContainingFenceLines_KeepsThemInThePrompt()
    {
        var agent = AgentFiles.ParseValid(directory, "---\nname: fences\ndescription: d\n---\nIntro\n---\nAfter a rule\n");

        Assert.Equal("Intro\n---\nAfter a rule", agent.SystemPrompt);
    }

    [Fact]
    public void Parse_NumericScalarsForTextKeys_ReadAsText()
    {
        var agent = AgentFiles.ParseValid(directory, "---\nname: 007\ndescription: 42\neffort: 3\n---\n");

        Assert.Equal("007", agent.Name);
        Assert.Equal("42", agent.Description);
        Assert.Equal("3", agent.Effort);
        Assert.Equal(string.Empty, agent.SystemPrompt);
    }
}
