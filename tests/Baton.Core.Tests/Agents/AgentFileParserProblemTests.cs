using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class AgentFileParserProblemTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("You are a reviewer.\n")]
    [InlineData("")]
    [InlineData("\n---\nname: late\ndescription: d\n---\n")]
    public void Parse_NoFrontMatter_ReportsLineOneWithTheExpectedShape(string content)
    {
        var problem = AgentFiles.ParseSingleProblem(directory, content);

        Assert.Equal(directory.File("agent.md"), problem.File);
        Assert.Equal(1, problem.Line);
        Assert.Contains("no front matter", problem.Message, StringComparison.Ordinal);
        Assert.Contains("must start with a line '---'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedFrontMatter_ReportsLineOneAndHowToClose()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: open\ndescription: d\nYou are open.\n");

        Assert.Equal(1, problem.Line);
        Assert.Contains("never closed: add a line '---'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnquotedColonInValue_ReportsTheFileLineAndSuggestsQuotes()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, """
            ---
            name: broken
            description: Use when: the diff is large
            ---
            Body
            """);

        Assert.Equal(3, problem.Line);
        Assert.StartsWith("invalid YAML in the front matter", problem.Message, StringComparison.Ordinal);
        Assert.Contains("double quotes", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadIndentationDeepInFrontMatter_ReportsThatFileLine()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, """
            ---
            name: indented
            description: d
            model: sonnet
            env:
              A: "1"
             B: "2"
            ---
            Body
            """);

        Assert.Equal(7, problem.Line);
        Assert.StartsWith("invalid YAML in the front matter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsReportedOnTheSecondOccurrence()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: one\ndescription: d\nname: two\n---\n");

        Assert.Equal(4, problem.Line);
        Assert.Contains("Duplicate key name; each key may appear once", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFlowList_ReportsAProblemInsteadOfThrowing()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: n\ndescription: d\ntools: [Read, Grep\nmodel: x\n---\n");

        Assert.Equal(4, problem.Line);
        Assert.Contains("opened on this line is never closed; close it", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---\nname: n\ntools: [Read,\n  Grep\ndescription: d\n---\n", 3)]
    [InlineData("---\nname: n\nenv: {A: 1\ndescription: d\n---\n", 3)]
    [InlineData("---\nname: n\ndescription: it's fine\nmodel: [x, \"y\n---\n", 4)]
    [InlineData("---\nname: n\ndescription: d\nmodel: &m x\ntools: *t\n---\n", 5)]
    [InlineData("---\nname: n\ndescription: d\nmodel: x\n\ttools: Read\n---\n", 5)]
    public void Parse_YamlMistake_PointsAtTheLineThatIsWrong(string text, int line)
    {
        var problem = AgentFiles.ParseSingleProblem(directory, text);

        Assert.True(line == problem.Line, $"line {problem.Line}: {problem.Message}");
        Assert.StartsWith("invalid YAML in the front matter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabIndentation_ReportsTheFileLine()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: n\ndescription: d\n\ttools: x\n---\n");

        Assert.Equal(4, problem.Line);
        Assert.StartsWith("invalid YAML in the front matter", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxTurns: many\n", "'maxTurns' must be a whole number, found 'many'")]
    [InlineData("maxTurns: 0\n", "'maxTurns' must be between 1 and")]
    [InlineData("timeout_seconds: 0\n", "'timeout_seconds' must be between 1 and 2592000, found 0")]
    [InlineData("timeout_seconds: 30s\n", "'timeout_seconds' must be a whole number, found '30s'")]
    [InlineData("max_retries: -1\n", "'max_retries' must be between 0 and 100, found -1")]
    [InlineData("worktree: yes\n", "'worktree' must be true or false, found 'yes'")]
    [InlineData("tools: {Read: true}\n", "'tools' must be a comma-separated string (tools: Read, Grep) or a YAML list (tools: [Read, Grep]), found a mapping")]
    [InlineData("disallowedTools: {Write: true}\n", "'disallowedTools' must be a comma-separated string")]
    [InlineData("model: [sonnet, opus]\n", "'model' must be text, found a list")]
    [InlineData("env: [A, B]\n", "'env' must be a mapping of variable names to values")]
    [InlineData("runner: claud\n", "unknown runner 'claud'; use one of: claude, codex, gemini, command")]
    [InlineData("timeoutSeconds: 60\n", "unknown key 'timeoutSeconds'; the key is spelled 'timeout_seconds'")]
    public void Parse_WrongValueForKey_ReportsKeyLineAndWhatIsExpected(string line, string expected)
    {
        var problem = AgentFiles.ParseSingleProblem(directory, AgentFiles.Valid("typed", line));

        Assert.Equal(4, problem.Line);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongTypeInsideList_ReportsTheItemLine()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, AgentFiles.Valid("items", "tools:\n  - Read\n  - [Grep]\n"));

        Assert.Equal(6, problem.Line);
        Assert.Contains("this item is a list", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedEnvValue_ReportsTheValueLine()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, AgentFiles.Valid("env", "env:\n  OK: fine\n  BAD:\n    nested: 1\n"));

        Assert.Equal(7, problem.Line);
        Assert.Contains("'env.BAD' must be text, found a mapping", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingName_ReportsRequiredKeyWithExample()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\ndescription: d\n---\nBody\n");

        Assert.Equal(1, problem.Line);
        Assert.Equal("missing required key 'name': add a line such as 'name: code-reviewer' to the front matter", problem.Message);
    }

    [Fact]
    public void Parse_MissingDescription_ReportsRequiredKey()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: n\n---\nBody\n");

        Assert.Equal(1, problem.Line);
        Assert.StartsWith("missing required key 'description'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyName_ReportsItsLine()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\ndescription: d\nname: \"  \"\n---\n");

        Assert.Equal(3, problem.Line);
        Assert.StartsWith("'name' is empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameAsList_ReportsWrongTypeOnly()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\nname: [a, b]\ndescription: d\n---\n");

        Assert.Equal(2, problem.Line);
        Assert.StartsWith("'name' must be text, found a list", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("team:reviewer", "must not contain ':'")]
    [InlineData("-reviewer", "must not start with '-'")]
    public void Parse_InvalidName_ReportsLikeClaudeCode(string name, string expected)
    {
        var problem = AgentFiles.ParseSingleProblem(directory, $"---\nname: \"{name}\"\ndescription: d\n---\n");

        Assert.Equal(2, problem.Line);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFrontMatter_ReportsBothRequiredKeys()
    {
        var result = AgentFiles.Parse(directory, "---\n---\nBody\n");

        Assert.Null(result.Agent);
        Assert.Collection(result.Problems,
            p => Assert.StartsWith("missing required key 'name'", p.Message, StringComparison.Ordinal),
            p => Assert.StartsWith("missing required key 'description'", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FrontMatterIsAList_ReportsTheExpectedShape()
    {
        var problem = AgentFiles.ParseSingleProblem(directory, "---\n- name\n- description\n---\n");

        Assert.Equal(2, problem.Line);
        Assert.Contains("must be 'key: value' lines", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachWithItsLine()
    {
        var result = AgentFiles.Parse(directory, """
            ---
            name: many
            runner: docker
            maxTurns: lots
            worktree: maybe
            ---
            """);

        Assert.Null(result.Agent);
        Assert.Equal([1, 3, 4, 5], result.Problems.Select(p => p.Line).Order());
    }

    [Fact]
    public void Parse_MissingFile_ReportsCannotRead()
    {
        var result = AgentFileParser.Parse(directory.File("gone.md"), AgentSource.User);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.StartsWith("cannot read the file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Problem_FormatsFileLineMessage() =>
        Assert.Equal("/a/b.md:3: bad", new AgentProblem("/a/b.md", 3, "bad").ToString());
}
