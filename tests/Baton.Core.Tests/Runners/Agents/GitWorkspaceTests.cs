using Baton.Core.Processes;
using Baton.Core.Runners.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Agents;

/// <summary>
/// Real git repositories in temp folders: the files an agent changed are what the run changed, not what was already
/// dirty or untracked when it started.
/// </summary>
public sealed class GitWorkspaceTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TempDirectory repository = new();

    [Fact]
    public async Task AddChanges_FileDirtyBeforeAndUntouched_IsNotListed()
    {
        await InitAsync("notes.txt", "done.txt");
        Write("notes.txt", "the user's own edit\n");
        var workspace = await SnapshotAsync();

        Write("done.txt", "the agent's change\n");
        var details = await workspace.AddChangesAsync(new AgentRunDetails());

        Assert.Equal(["done.txt"], details.FilesChanged);
    }

    [Fact]
    public async Task AddChanges_FileDirtyBeforeAndChangedAgain_IsListed()
    {
        await InitAsync("notes.txt");
        Write("notes.txt", "the user's own edit\n");
        var workspace = await SnapshotAsync();

        Write("notes.txt", "the user's own edit\nand the agent's line\n");
        var details = await workspace.AddChangesAsync(new AgentRunDetails());

        Assert.Equal(["notes.txt"], details.FilesChanged);
    }

    [Fact]
    public async Task AddChanges_FileDirtyBeforeAndRestoredByTheAgent_IsListed()
    {
        await InitAsync("notes.txt");
        Write("notes.txt", "the user's own edit\n");
        var workspace = await SnapshotAsync();

        await GitAsync("checkout", "--", "notes.txt");
        var details = await workspace.AddChangesAsync(new AgentRunDetails());

        Assert.Equal(["notes.txt"], details.FilesChanged);
    }

    [Fact]
    public async Task AddChanges_UntrackedFileThatWasThereBefore_IsNotListed()
    {
        await InitAsync("readme.md");
        Write("scratch/todo.txt", "already here\n");
        var workspace = await SnapshotAsync();

        Write("scratch/new.txt", "made by the agent\n");
        var details = await workspace.AddChangesAsync(new AgentRunDetails());

        Assert.Equal(["scratch/new.txt"], details.FilesChanged);
    }

    [Fact]
    public async Task AddChanges_AgentCommitsAlongsideTheUsersDirtyFile_ListsOnlyTheAgentsFileAndTheCommit()
    {
        await InitAsync("notes.txt", "code.cs");
        Write("notes.txt", "the user's own edit\n");
        var workspace = await SnapshotAsync();

        Write("code.cs", "class C {}\n");
        await GitAsync("add", "code.cs");
        await GitAsync("-c", "user.name=agent", "-c", "user.email=agent@example.invalid", "commit", "-q", "-m", "agent work");
        var details = await workspace.AddChangesAsync(new AgentRunDetails());

        Assert.Equal(["code.cs"], details.FilesChanged);
        Assert.EndsWith(" agent work", Assert.Single(details.Commits), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_NotARepository_IsNull()
    {
        Assert.Null(await GitWorkspace.SnapshotAsync(repository.Path));
    }

    private async Task InitAsync(params string[] files)
    {
        await GitAsync("init", "-q");
        foreach (var file in files)
        {
            Write(file, $"{file} as committed\n");
        }

        await GitAsync("add", ".");
        await GitAsync("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "start");
    }

    private async Task<GitWorkspace> SnapshotAsync() =>
        await GitWorkspace.SnapshotAsync(repository.Path) ?? throw new InvalidOperationException("not seen as a repository");

    private void Write(string name, string text)
    {
        var path = repository.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task GitAsync(params string[] arguments)
    {
        var result = await CapturedCommand.RunAsync("git", arguments, repository.Path, Limit);
        Assert.True(result is (0, _), $"git {string.Join(' ', arguments)} failed");
    }

    public void Dispose() => repository.Dispose();
}
