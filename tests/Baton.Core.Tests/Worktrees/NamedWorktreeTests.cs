using Baton.Core.Errors;
using Baton.Core.Tests.Testing;
using Baton.Core.Worktrees;

namespace Baton.Core.Tests.Worktrees;

/// <summary>Worktrees shared by the tasks of a branch (an initiative's streams), on a real repository.</summary>
public sealed class NamedWorktreeTests : IDisposable
{
    private readonly GitRepository repository = new();

    [Fact]
    public void NamedPathFor_InitiativeBranch_UnderInitiativesByNameAndStream()
    {
        Assert.Equal(Path.Combine("/w", "initiatives", "shop", "api"), GitWorktrees.NamedPathFor("/w", "baton/shop/api"));
        Assert.Equal(Path.Combine("/w", "branches", "feature", "x"), GitWorktrees.NamedPathFor("/w", "feature/x"));
    }

    [Theory]
    [InlineData("baton/../../etc")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    public void NamedPathFor_BranchLeavingTheRoot_Refused(string branch)
    {
        var ex = Assert.Throws<BatonException>(() => GitWorktrees.NamedPathFor("/w", branch));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public async Task EnsureNamedAsync_NewBranch_CreatedFromItsBase()
    {
        repository.Git("branch", "baton/shop/integration");
        repository.Git("checkout", "-q", "baton/shop/integration");
        repository.Commit("core.txt", "core\n", "foundation");
        repository.Git("checkout", "-q", "main");
        var worktrees = new GitWorktrees(repository.Worktrees);

        var path = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", "baton/shop/integration");

        Assert.Equal(GitWorktrees.NamedPathFor(repository.Worktrees, "baton/shop/api"), path);
        Assert.True(File.Exists(Path.Combine(path, "core.txt")));
        Assert.Equal("baton/shop/api", GitRepository.GitIn(path, "branch", "--show-current").Trim());
    }

    [Fact]
    public async Task EnsureNamedAsync_SecondTaskOfTheBranch_SameWorktreeWithTheFirstsWork()
    {
        var worktrees = new GitWorktrees(repository.Worktrees);
        var first = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", null);
        File.WriteAllText(Path.Combine(first, "draft.txt"), "uncommitted\n");

        var second = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", "no-such-base");

        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(second, "draft.txt")));
    }

    [Fact]
    public async Task EnsureNamedAsync_WorktreeRemovedMeanwhile_RecreatedFromTheBranch()
    {
        var worktrees = new GitWorktrees(repository.Worktrees);
        var path = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", null);
        repository.Commit("api.txt", "api\n", "api work", at: path);
        repository.Git("worktree", "remove", "--force", path);

        var again = await worktrees.EnsureNamedAsync(repository.Path, "baton/shop/api", null);

        Assert.True(File.Exists(Path.Combine(again, "api.txt")));
    }

    public void Dispose() => repository.Dispose();
}
