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

    /// <summary>Runs git in <paramref name="directory"/> and returns its output; fails the test if git fails.</summary>
    public static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output.Result;
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
