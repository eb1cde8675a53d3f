using System.Diagnostics;

namespace Baton.Core.Tests.Testing;

/// <summary>A real git repository in a temporary directory, with one commit on <c>main</c>, for tests of worktrees and merges.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TempDirectory directory = new();

    public GitRepository()
    {
        Path = System.IO.Path.Combine(directory.Path, "repo");
        Directory.CreateDirectory(Path);
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "tests@example.invalid");
        Git("config", "user.name", "Tests");
        Commit("README.md", "hello\n", "first");
    }

    /// <summary>The repository's top-level directory.</summary>
    public string Path { get; }

    /// <summary>A directory beside the repository for Baton's worktrees.</summary>
    public string Worktrees => System.IO.Path.Combine(directory.Path, "worktrees");

    /// <summary>Writes <paramref name="file"/> in <paramref name="at"/> (the repository by default) and commits it.</summary>
    public void Commit(string file, string text, string message, string? at = null)
    {
        File.WriteAllText(System.IO.Path.Combine(at ?? Path, file), text);
        GitIn(at ?? Path, "add", file);
        GitIn(at ?? Path, "commit", "-q", "-m", message);
    }

    /// <summary>Runs git in the repository; throws on failure; returns stdout.</summary>
    public string Git(params string[] arguments) => GitIn(Path, arguments);

    /// <summary>Runs git in <paramref name="where"/>; throws on failure; returns stdout.</summary>
    public static string GitIn(string where, params string[] arguments)
    {
        var (code, output, error) = TryGitIn(where, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }

    /// <summary>Runs git in <paramref name="where"/>.</summary>
    public static (int ExitCode, string Output, string Error) TryGitIn(string where, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = where, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    public void Dispose() => directory.Dispose();
}
