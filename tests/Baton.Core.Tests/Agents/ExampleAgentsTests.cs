using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class ExampleAgentsTests
{
    private static readonly string ExamplesDirectory = Path.Combine(RepositoryRoot.Path, "examples", "agents");

    [Fact]
    public void Load_ExamplesFolder_HasNoProblemsAndEveryAgentTheSeedsName()
    {
        var catalog = AgentCatalog.Load([new(ExamplesDirectory, AgentSource.Configured)]);

        Assert.Empty(catalog.Problems);
        Assert.Empty(catalog.Shadowed);
        Assert.Subset(
            catalog.Agents.Select(a => a.Name).ToHashSet(),
            new HashSet<string> { "architect", "backend-developer", "frontend-developer", "test-engineer", "code-reviewer", "security-auditor", "performance-analyzer" });
    }

    [Fact]
    public void Load_ExamplesFolder_EachFileIsNamedForItsAgentAndHasARealPrompt()
    {
        foreach (var agent in AgentCatalog.Load([new(ExamplesDirectory, AgentSource.Configured)]).Agents)
        {
            Assert.Equal(agent.Name + ".md", Path.GetFileName(agent.SourcePath));
            Assert.InRange(agent.SystemPrompt.Split('\n').Length, 15, 40);
            Assert.Contains("summary", agent.SystemPrompt, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(agent.Tools);
        }
    }

    [Theory]
    [InlineData("code-reviewer")]
    [InlineData("security-auditor")]
    [InlineData("performance-analyzer")]
    public void Load_ReviewingExamples_CannotEditFiles(string name)
    {
        var agent = AgentCatalog.Load([new(ExamplesDirectory, AgentSource.Configured)]).Find(name)!;

        Assert.Equal(["Read", "Grep", "Glob", "Bash"], agent.Tools);
    }

    [Fact]
    public void Load_ExamplesFolder_IncludesOneUsingBatonKeys()
    {
        var agents = AgentCatalog.Load([new(ExamplesDirectory, AgentSource.Configured)]).Agents;

        Assert.Contains(agents, a => a.Runner != "claude" && a.Worktree && a.TimeoutSeconds is not null);
    }

}
