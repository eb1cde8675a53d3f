using Baton.Core.Agents;
using Baton.Core.Errors;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class AgentCatalogTests : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Load_ThreeSources_ConfiguredBeatsProjectBeatsUser()
    {
        var configured = root.File("configured");
        var project = root.File("project");
        var user = root.File("user");
        var fromConfigured = AgentFiles.Write(configured, "reviewer.md", AgentFiles.Valid("reviewer", "model: opus\n"));
        var projectReviewer = AgentFiles.Write(project, "reviewer.md", AgentFiles.Valid("reviewer", "model: sonnet\n"));
        var fromProject = AgentFiles.Write(project, "tester.md", AgentFiles.Valid("tester"));
        var userTester = AgentFiles.Write(user, "tester.md", AgentFiles.Valid("tester"));
        var fromUser = AgentFiles.Write(user, "writer.md", AgentFiles.Valid("writer"));

        // Given in reverse order on purpose: the source decides, not the position in the list.
        var catalog = AgentCatalog.Load([new(user, AgentSource.User), new(project, AgentSource.Project), new(configured, AgentSource.Configured)]);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["reviewer", "tester", "writer"], catalog.Agents.Select(a => a.Name));
        Assert.Equal([fromConfigured, fromProject, fromUser], catalog.Agents.Select(a => a.SourcePath));
        Assert.Equal([AgentSource.Configured, AgentSource.Project, AgentSource.User], catalog.Agents.Select(a => a.Source));
        Assert.Equal("opus", catalog.Find("reviewer")!.Model);
        Assert.Equal(
            [
                new ShadowedAgent("reviewer", projectReviewer, AgentSource.Project, fromConfigured, AgentSource.Configured),
                new ShadowedAgent("tester", userTester, AgentSource.User, fromProject, AgentSource.Project),
            ],
            catalog.Shadowed);
        Assert.Equal([configured, project, user], catalog.Directories.Select(d => d.Path));
    }

    [Fact]
    public void Load_TwoConfiguredDirectories_EarlierWins()
    {
        var first = AgentFiles.Write(root.File("first"), "a.md", AgentFiles.Valid("shared"));
        var second = AgentFiles.Write(root.File("second"), "b.md", AgentFiles.Valid("shared"));

        var catalog = AgentCatalog.Load([new(root.File("first"), AgentSource.Configured), new(root.File("second"), AgentSource.Configured)]);

        Assert.Equal(first, Assert.Single(catalog.Agents).SourcePath);
        Assert.Equal(second, Assert.Single(catalog.Shadowed).Path);
    }

    [Fact]
    public void Load_SameNameInOneDirectory_EarlierFileNameWins()
    {
        var dir = root.File("agents");
        var a = AgentFiles.Write(dir, "a.md", AgentFiles.Valid("dup"));
        var b = AgentFiles.Write(dir, "b.md", AgentFiles.Valid("dup"));

        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project)]);

        Assert.Equal(a, Assert.Single(catalog.Agents).SourcePath);
        var shadowed = Assert.Single(catalog.Shadowed);
        Assert.Equal((b, a), (shadowed.Path, shadowed.WinnerPath));
    }

    [Fact]
    public void Load_SameDirectoryListedTwice_ReadsItOnceWithoutShadowingItself()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "a.md", AgentFiles.Valid("only"));

        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project), new(dir + "/", AgentSource.User)]);

        Assert.Equal(AgentSource.Project, Assert.Single(catalog.Agents).Source);
        Assert.Empty(catalog.Shadowed);
        Assert.Single(catalog.Directories);
    }

    [Fact]
    public void Load_MissingDirectory_IsSkippedWithoutProblems()
    {
        var catalog = AgentCatalog.Load([new(root.File("nowhere"), AgentSource.User)]);

        Assert.Empty(catalog.Agents);
        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void Load_NonMarkdownAndNestedFiles_AreNotRead()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "top.md", AgentFiles.Valid("top"));
        AgentFiles.Write(dir, "notes.txt", "not an agent");
        AgentFiles.Write(Path.Combine(dir, "nested"), "deep.md", AgentFiles.Valid("deep"));

        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project)]);

        Assert.Equal("top", Assert.Single(catalog.Agents).Name);
    }

    [Fact]
    public void Load_BadFileBesideGoodOnes_KeepsTheGoodOnesAndReportsTheBad()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "good.md", AgentFiles.Valid("good"));
        var bad = AgentFiles.Write(dir, "bad.md", AgentFiles.Valid("bad", "runner: docker\n"));

        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project)]);

        Assert.Equal("good", Assert.Single(catalog.Agents).Name);
        var problem = Assert.Single(catalog.Problems);
        Assert.Equal((bad, 4), (problem.File, problem.Line));
    }

    [Fact]
    public void Load_RelativeDirectory_RecordsAbsolutePaths()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "a.md", AgentFiles.Valid("rel"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir);

        var catalog = AgentCatalog.Load([new(relative, AgentSource.Configured)]);

        Assert.Equal(Path.Combine(dir, "a.md"), Assert.Single(catalog.Agents).SourcePath);
    }

    [Fact]
    public void Agents_NamesOfMixedCase_AreSortedCaseInsensitively()
    {
        var catalog = Catalog("beta", "Alpha", "gamma");

        Assert.Equal(["Alpha", "beta", "gamma"], catalog.Agents.Select(a => a.Name));
    }

    [Fact]
    public void Find_ExactThenCaseInsensitive_ReturnsTheMatch()
    {
        var catalog = Catalog("code-reviewer", "Tester", "tester");

        Assert.Equal("code-reviewer", catalog.Find("Code-Reviewer")?.Name);
        Assert.Equal("Tester", catalog.Find("Tester")?.Name);
        Assert.Equal("tester", catalog.Find("tester")?.Name);
        Assert.Null(catalog.Find("TESTER")); // two case-insensitive matches: ambiguous
        Assert.Null(catalog.Find("reviewer"));
    }

    [Theory]
    [InlineData("revewer", "code-reviewer")]
    [InlineData("code-reveiwer", "code-reviewer")]
    [InlineData("review", "code-reviewer")]
    [InlineData("architekt", "architect")]
    [InlineData("secutiry", "security-auditor")]
    [InlineData("perf", "performance-analyzer")]
    [InlineData("BACKEND", "backend-developer")]
    [InlineData("test-enginer", "test-engineer")]
    public void Suggest_Typo_ReturnsTheIntendedNameFirst(string typed, string expected)
    {
        var catalog = Catalog("architect", "backend-developer", "frontend-developer", "test-engineer", "code-reviewer", "security-auditor", "performance-analyzer");

        Assert.Equal(expected, catalog.Suggest(typed).FirstOrDefault());
    }

    [Fact]
    public void Suggest_CommonPart_ReturnsSeveralClosestFirstUpToMax()
    {
        var catalog = Catalog("backend-developer", "frontend-developer", "architect");

        Assert.Equal(["backend-developer", "frontend-developer"], catalog.Suggest("developer"));
        Assert.Equal(["backend-developer"], catalog.Suggest("developer", max: 1));
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("x")]
    [InlineData("")]
    public void Suggest_NothingClose_ReturnsEmpty(string typed)
    {
        var catalog = Catalog("backend-developer", "code-reviewer", "architect");

        Assert.Empty(catalog.Suggest(typed));
    }

    [Fact]
    public void Require_UnknownName_ThrowsNotFoundWithSuggestion()
    {
        var catalog = Catalog("code-reviewer", "architect");

        var error = Assert.Throws<BatonException>(() => catalog.Require("revewer"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("unknown agent 'revewer'; did you mean: code-reviewer?", error.Message);
    }

    [Fact]
    public void Require_NoAgentsAtAll_SaysWhereToLook()
    {
        var catalog = AgentCatalog.Load([]);

        var error = Assert.Throws<BatonException>(() => catalog.Require("anything"));

        Assert.Contains("run 'baton agents' to see where Baton looks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_UnknownNameWhileAFileIsBroken_PointsAtTheProblems()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "good.md", AgentFiles.Valid("good"));
        AgentFiles.Write(dir, "reviewer.md", "---\nname: reviewer\ndescription: Use when: big\n---\n");
        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project)]);

        var error = Assert.Throws<BatonException>(() => catalog.Require("reviewer"));

        Assert.EndsWith("(1 agent file has problems; 'baton agents' shows them)", error.Message, StringComparison.Ordinal);
    }

    private AgentCatalog Catalog(params string[] names)
    {
        var dir = root.File("catalog");
        for (var i = 0; i < names.Length; i++)
        {
            AgentFiles.Write(dir, $"{i:00}.md", AgentFiles.Valid(names[i]));
        }

        return AgentCatalog.Load([new(dir, AgentSource.Project)]);
    }
}
