using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class AgentCatalogDefaultDirectoriesTests : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    private string Home => root.File("home");

    private string UserAgents => Path.Combine(Home, ".claude", "agents");

    [Fact]
    public void DefaultDirectories_AgentsFolderInAnAncestor_FindsItAsProject()
    {
        var repo = Make("work", "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var agents = Make("work", "repo", ".claude", "agents");
        var working = Make("work", "repo", "src", "app");

        var directories = AgentCatalog.DefaultDirectories(working, Home, []);

        Assert.Equal([new(agents, AgentSource.Project), new(UserAgents, AgentSource.User)], directories);
    }

    [Fact]
    public void DefaultDirectories_NearestAgentsFolder_Wins()
    {
        Make("work", "repo", ".claude", "agents");
        var inner = Make("work", "repo", "packages", "web", ".claude", "agents");
        var working = Make("work", "repo", "packages", "web", "src");

        var directories = AgentCatalog.DefaultDirectories(working, Home, []);

        Assert.Equal(inner, directories.Single(d => d.Source == AgentSource.Project).Path);
    }

    [Fact]
    public void DefaultDirectories_AgentsFolderAboveGitRoot_IsNotUsed()
    {
        Make("work", ".claude", "agents");
        var repo = Make("work", "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var working = Make("work", "repo", "src");

        var directories = AgentCatalog.DefaultDirectories(working, Home, []);

        Assert.DoesNotContain(directories, d => d.Source == AgentSource.Project);
    }

    [Fact]
    public void DefaultDirectories_GitFileOfAWorktree_StopsTheWalkToo()
    {
        Make("work", ".claude", "agents");
        var worktree = Make("work", "tree");
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere\n");

        var directories = AgentCatalog.DefaultDirectories(worktree, Home, []);

        Assert.DoesNotContain(directories, d => d.Source == AgentSource.Project);
    }

    [Fact]
    public void DefaultDirectories_AgentsFolderAtTheGitRoot_IsFound()
    {
        var repo = Make("work", "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var agents = Make("work", "repo", ".claude", "agents");

        var directories = AgentCatalog.DefaultDirectories(repo, Home, []);

        Assert.Equal(agents, directories.Single(d => d.Source == AgentSource.Project).Path);
    }

    [Fact]
    public void DefaultDirectories_WorkingUnderHomeWithoutProject_UserAgentsAreNotAlsoProject()
    {
        Directory.CreateDirectory(UserAgents);
        var working = Make("home", "notes");

        var directories = AgentCatalog.DefaultDirectories(working, Home, []);

        Assert.Equal([new AgentDirectory(UserAgents, AgentSource.User)], directories);
    }

    [Fact]
    public void DefaultDirectories_ConfiguredDirectories_ComeFirstResolved()
    {
        var working = Make("work");

        var directories = AgentCatalog.DefaultDirectories(working, Home, ["team-agents", "~/shared/agents", "/opt/agents"]);

        Assert.Equal(
            [
                new(Path.Combine(working, "team-agents"), AgentSource.Configured),
                new(Path.Combine(Home, "shared", "agents"), AgentSource.Configured),
                new("/opt/agents", AgentSource.Configured),
                new(UserAgents, AgentSource.User),
            ],
            directories);
    }

    [Fact]
    public void DefaultDirectoriesThenLoad_ProjectAgentShadowsUserAgent()
    {
        var repo = Make("work", "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var project = AgentFiles.Write(Path.Combine(repo, ".claude", "agents"), "r.md", AgentFiles.Valid("reviewer"));
        var user = AgentFiles.Write(UserAgents, "r.md", AgentFiles.Valid("reviewer"));

        var catalog = AgentCatalog.Load(AgentCatalog.DefaultDirectories(repo, Home, []));

        Assert.Equal(project, Assert.Single(catalog.Agents).SourcePath);
        Assert.Equal(user, Assert.Single(catalog.Shadowed).Path);
    }

    [Fact]
    public void DefaultDirectories_NoHomeDirectory_ReturnsNoUserDirectory()
    {
        var working = Make("work");

        var directories = AgentCatalog.DefaultDirectories(working, "", ["agents"]);

        Assert.Equal([new AgentDirectory(Path.Combine(working, "agents"), AgentSource.Configured)], directories);
    }

    private string Make(params string[] parts)
    {
        var path = Path.Combine([root.Path, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
