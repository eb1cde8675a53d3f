using Baton.Core.Initiatives;
using Baton.Core.Tests.Testing;
using Baton.Core.Worktrees;

namespace Baton.Core.Tests.Initiatives;

/// <summary>Archiving an initiative's worktrees on a real repository.</summary>
public sealed class InitiativeWorkspaceTests : IDisposable
{
    private readonly GitRepository repository = new();

    [Fact]
    public async Task ArchiveAsync_StreamWorktrees_RemovedPrunedAndBranchesKept()
    {
        var worktrees = new GitWorktrees(repository.Worktrees);
        await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/integration", null);
        var api = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", "baton/shop/integration");
        await worktrees.EnsureNamedAsync(repository.Path, "baton/other/api", null);
        File.WriteAllText(Path.Combine(api, "dirty.txt"), "not committed\n");

        var removed = await new InitiativeWorkspace(repository.Worktrees).ArchiveAsync(Initiative("shop"));

        Assert.Equal(2, removed.Count);
        var listing = repository.Git("worktree", "list", "--porcelain");
        Assert.DoesNotContain("baton/shop/", listing, StringComparison.Ordinal);
        Assert.Contains("baton/other/api", listing, StringComparison.Ordinal);
        Assert.False(Directory.Exists(GitWorktrees.InitiativeDirectory(repository.Worktrees, "shop")));
        Assert.Contains("baton/shop/api", repository.Git("branch", "--list", "baton/shop/*"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveAsync_FolderDeletedByHand_StaleEntryPruned()
    {
        var worktrees = new GitWorktrees(repository.Worktrees);
        var api = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", null);
        Directory.Delete(api, recursive: true);

        await new InitiativeWorkspace(repository.Worktrees).ArchiveAsync(Initiative("shop"));

        Assert.DoesNotContain("baton/shop/", repository.Git("worktree", "list", "--porcelain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveAsync_RepositoryOnTheInitiativesBranch_LeftAlone()
    {
        repository.Git("checkout", "-q", "-b", "baton/shop/integration");

        await new InitiativeWorkspace(repository.Worktrees).ArchiveAsync(Initiative("shop"));

        Assert.True(File.Exists(Path.Combine(repository.Path, "README.md")));
    }

    public void Dispose() => repository.Dispose();

    private InitiativeRecord Initiative(string name) => new(
        "ini_0000000000aa", new InitiativeDefinition(name, repository.Path, null, 5, []), null, DateTimeOffset.UnixEpoch, null, null);
}
