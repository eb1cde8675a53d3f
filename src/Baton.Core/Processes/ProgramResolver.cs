namespace Baton.Core.Processes;

/// <summary>Finds the executable a command names, as a shell would, but without one.</summary>
public static class ProgramResolver
{
    /// <summary>
    /// Resolves <paramref name="program"/>: a name with a slash is taken relative to <paramref name="workingDirectory"/>;
    /// a bare name is looked up on <paramref name="searchPath"/>. Returns null and a reason if nothing runnable is found.
    /// </summary>
    public static string? Resolve(string program, string workingDirectory, string? searchPath, out string? problem)
    {
        problem = null;
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDirectory);
            return IsExecutableFile(full, out problem) ? full : null;
        }

        foreach (var dir in (searchPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(Path.GetFullPath(dir, workingDirectory), program);
            if (IsExecutableFile(candidate, out _))
            {
                return candidate;
            }
        }

        problem = $"program '{program}' was not found on PATH; give its full path, or add its directory to PATH";
        return null;
    }

    private static bool IsExecutableFile(string path, out string? problem)
    {
        problem = null;
        if (Directory.Exists(path))
        {
            problem = $"'{path}' is a directory, not a program";
            return false;
        }

        if (!File.Exists(path))
        {
            problem = $"program '{path}' does not exist";
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & anyExecute) == 0)
        {
            problem = $"'{path}' is not executable; run 'chmod +x {path}' or start it through its interpreter";
            return false;
        }

        return true;
    }
}
