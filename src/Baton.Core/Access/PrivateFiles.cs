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

    /// <summary>Makes <paramref name="path"/> and any missing parents, each created 0700.</summary>
    public static void CreateDirectory(string path) => Directory.CreateDirectory(path, DirectoryMode);

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
    /// Tightens a data directory: the directory itself, every file and folder directly in it, and — where a folder
    /// was open to others (written by an older Baton, or made by hand) — everything below it, except git worktrees,
    /// whose files belong to their repository. Returns the paths it changed (a folder's contents counted as one).
    /// </summary>
    public static IReadOnlyList<string> Tighten(string home, IReadOnlySet<string> notBelow)
    {
        var changed = new List<string>();
        CreateDirectory(home);
        if (Restrict(home) is { } homeMode)
        {
            changed.Add($"{home} (was {Octal(homeMode)})");
        }

        foreach (var entry in new DirectoryInfo(home).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (Restrict(entry.FullName) is { } mode)
            {
                changed.Add($"{entry.FullName} (was {Octal(mode)})");
                if (entry is DirectoryInfo folder && !notBelow.Contains(folder.FullName))
                {
                    var inside = TightenBelow(folder);
                    if (inside > 0)
                    {
                        changed.Add($"{inside} files and folders under {folder.FullName}");
                    }
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
