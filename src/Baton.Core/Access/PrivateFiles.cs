namespace Baton.Core.Access;

/// <summary>
/// Baton's files are its owner's alone: task environments (API keys), webhook secrets, logs of agent runs. Every
/// folder Baton makes is 0700 and every file 0600, set when the file is created (never created open and narrowed
/// later); files from before, or a data directory someone made with looser modes, are tightened by
/// <see cref="Tighten"/>. The process umask is left alone: tasks inherit it, and their own files are their business.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw------- : the mode of every file Baton writes.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ : the mode of every folder Baton makes.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersAndGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Makes <paramref name="path"/> and any missing parents, each created 0700. (.NET's own overload gives the mode to
    /// the last folder only; the parents would get 0777 less the umask.)
    /// </summary>
    public static void CreateDirectory(string path)
    {
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, DirectoryMode);
        }
    }

    /// <summary>Options that create a file 0600 (an existing file keeps its mode; see <see cref="Restrict"/>).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share) =>
        new() { Mode = mode, Access = access, Share = share, UnixCreateMode = mode is System.IO.FileMode.Open or System.IO.FileMode.Truncate ? null : FileMode, BufferSize = 0 };

    /// <summary>Writes <paramref name="contents"/> to a file that is 0600 whether or not it existed.</summary>
    public static void WriteAllText(string path, string contents)
    {
        using (var stream = new FileStream(path, Options(System.IO.FileMode.Create, FileAccess.Write, FileShare.Read)))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        Restrict(path);
    }

    /// <summary>
    /// Takes group and other permissions away from <paramref name="path"/> if it has any. Returns its old mode if it
    /// changed, else null. A missing file, a symbolic link or a file of another owner is left as it is.
    /// </summary>
    public static UnixFileMode? Restrict(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path) || info.LinkTarget is not null)
            {
                return null;
            }

            var mode = File.GetUnixFileMode(path);
            if ((mode & OthersAndGroup) == 0)
            {
                return null;
            }

            File.SetUnixFileMode(path, mode & ~OthersAndGroup);
            return mode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Makes the database file 0600 before SQLite opens it: created empty if missing (SQLite then writes its WAL and
    /// shared-memory files with the same mode), tightened with its WAL and shared-memory files if it exists.
    /// Returns what was tightened.
    /// </summary>
    public static IReadOnlyList<string> SecureDatabase(string path)
    {
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, Options(System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A read-only folder: SQLite reports what it can and cannot do.
            }
        }

        return [.. new[] { path, path + "-wal", path + "-shm" }.Where(p => Restrict(p) is not null)];
    }

    /// <summary>
    /// Tightens a data directory: the directory itself, the files Baton writes in it, and its folders — everything
    /// below a folder too where that folder was open to others (written by an older Baton, or made by hand). Files
    /// the user put there (baton.json) and git worktrees, whose files belong to their repository, keep their modes:
    /// the directory's own 0700 already keeps others out. Returns the paths it changed (a folder's contents as one).
    /// </summary>
    /// <param name="home">The data directory, created if missing.</param>
    /// <param name="files">Files Baton writes there.</param>
    /// <param name="trees">Folders whose contents are Baton's too (logs).</param>
    /// <param name="folders">Folders whose contents are not Baton's to change (worktrees).</param>
    public static IReadOnlyList<string> Tighten(string home, IEnumerable<string> files, IEnumerable<string> trees, IEnumerable<string> folders)
    {
        var changed = new List<string>();
        CreateDirectory(home);
        foreach (var path in new[] { home }.Concat(files).Concat(folders))
        {
            if (Restrict(path) is { } mode)
            {
                changed.Add($"{path} (was {Octal(mode)})");
            }
        }

        foreach (var tree in trees)
        {
            if (Restrict(tree) is { } mode)
            {
                changed.Add($"{tree} (was {Octal(mode)})");
                if (TightenBelow(new DirectoryInfo(tree)) is > 0 and var inside)
                {
                    changed.Add($"{inside} files and folders under {tree}");
                }
            }
        }

        return changed;
    }

    private static int TightenBelow(DirectoryInfo folder)
    {
        var count = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var entry in folder.EnumerateFileSystemInfos("*", options))
        {
            if (Restrict(entry.FullName) is not null)
            {
                count++;
            }
        }

        return count;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}
