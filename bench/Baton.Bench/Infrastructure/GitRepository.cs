using Baton.Core.Processes;
using Baton.Core.Runners;

namespace Baton.Bench.Infrastructure;

/// <summary>Makes a directory a git repository with one commit, as an agent's working directory usually is.</summary>
internal static class GitRepository
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(20);

    public static async Task InitializeAsync(string directory, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "README.md"), "bench\n", cancellationToken);
        await GitAsync(directory, time, cancellationToken, "init", "--quiet");
        await GitAsync(directory, time, cancellationToken, "add", "README.md");
        await GitAsync(directory, time, cancellationToken, "-c", "user.name=Baton Bench", "-c", "user.email=bench@localhost", "commit", "--quiet", "-m", "initial");
    }

    private static async Task GitAsync(string directory, TimeProvider time, CancellationToken cancellationToken, params string[] arguments)
    {
        var git = ProgramResolver.Resolve("git", directory, Environment.GetEnvironmentVariable("PATH"), out var problem)
            ?? throw new InvalidOperationException($"git is needed for the git-repository case: {problem}");
        var spec = new ProcessStartSpec(git, arguments, directory, AttemptEnvironment.OfCurrentProcess());
        var run = await ChildProcesses.RunAsync(spec, time, GitTimeout, cancellationToken);
        if (run.Exit.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} ended with {run.Exit}: {run.Stderr.Trim()}");
        }
    }
}
