using Baton.Core.Processes;

namespace Baton.Core.Application.Changes;

/// <summary>
/// Read-only git commands run as a process (never through a shell) with a time limit: no pager, no colour, no
/// external diff or text conversion programs a repository's configuration might name.
/// </summary>
internal static class ReadOnlyGit
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The command's output, or null if git failed, is missing, or ran past its limit.</summary>
    public static async Task<string?> RunAsync(string directory, IReadOnlyList<string> arguments, bool differencesAreSuccess = false, CancellationToken cancellationToken = default)
    {
        string[] all = ["--no-pager", "-c", "core.quotepath=off", "-c", "color.ui=false", .. arguments];
        return await CapturedCommand.RunAsync("git", all, directory, Limit, cancellationToken) is (var exit, var output) && (exit == 0 || (differencesAreSuccess && exit == 1))
            ? output
            : null;
    }
}
