using System.Diagnostics;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>A real git repository with one commit, for initiatives to work on.</summary>
internal static class GitRepository
{
    public static async Task InitAsync(string directory)
    {
        await GitAsync(directory, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(directory, "README.md"), "start\n");
        await GitAsync(directory, "add", "README.md");
        await GitAsync(directory, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "start");
    }

    private static async Task GitAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git", args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}
