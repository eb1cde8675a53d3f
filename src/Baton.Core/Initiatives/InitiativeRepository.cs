using Baton.Core.Application.Changes;
using Baton.Core.Errors;

namespace Baton.Core.Initiatives;

/// <summary>Finds the git repository an initiative works on.</summary>
public static class InitiativeRepository
{
    /// <summary>The top-level directory of the repository holding <paramref name="path"/>; throws invalid input when there is none.</summary>
    public static async Task<string> ResolveAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw BatonException.Invalid($"repository '{path}' does not exist (looked for {full}); give the directory of a git repository");
        }

        var top = await ReadOnlyGit.RunAsync(full, ["rev-parse", "--show-toplevel"], cancellationToken: cancellationToken);
        return top?.Trim() is { Length: > 0 } root
            ? root
            : throw BatonException.Invalid($"'{full}' is not inside a git repository; an initiative works on one (run 'git init' there, or give --repo the repository's directory)");
    }
}
