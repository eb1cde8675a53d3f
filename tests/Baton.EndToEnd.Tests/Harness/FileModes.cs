namespace Baton.EndToEnd.Tests.Harness;

/// <summary>
/// Checks that what Baton wrote in a data directory is its owner's alone: folders 0700, files (sockets too) 0600.
/// The user's own baton.json and the tests' scratch folder are not Baton's.
/// </summary>
internal static class FileModes
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void AssertPrivate(string home)
    {
        Assert.Equal(Folder, System.IO.File.GetUnixFileMode(home));
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var wrong = new DirectoryInfo(home).EnumerateFileSystemInfos("*", options)
            .Where(entry => !entry.FullName.StartsWith(Path.Combine(home, "work"), StringComparison.Ordinal) && entry.Name != "baton.json")
            .Select(entry => (entry.FullName, Mode: System.IO.File.GetUnixFileMode(entry.FullName), Expected: entry is DirectoryInfo ? Folder : File))
            .Where(entry => entry.Mode != entry.Expected)
            .Select(entry => $"{entry.FullName}: {Convert.ToString((int)entry.Mode, 8)}")
            .ToList();
        Assert.True(wrong.Count == 0, "not private: " + string.Join(", ", wrong));
    }
}
