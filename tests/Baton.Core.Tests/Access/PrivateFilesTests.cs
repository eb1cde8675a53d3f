using Baton.Core.Access;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Access;

public sealed class PrivateFilesTests
{
    private const UnixFileMode Open = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    [Fact]
    public void Tighten_LooseHomeAndLogs_BatonsFilesPrivateUsersFileLeftAlone()
    {
        using var temp = new TempDirectory();
        var home = Directory.CreateDirectory(temp.File("home")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(home, "logs", "task1")).Parent!.FullName;
        var log = Path.Combine(logs, "task1", "1.log");
        var database = Path.Combine(home, "baton.db");
        var settings = Path.Combine(home, "baton.json");
        foreach (var file in new[] { log, database, settings })
        {
            File.WriteAllText(file, "x");
            File.SetUnixFileMode(file, Readable);
        }

        foreach (var folder in new[] { Path.Combine(logs, "task1"), logs, home })
        {
            File.SetUnixFileMode(folder, Open);
        }

        var changed = PrivateFiles.Tighten(home, [database, Path.Combine(home, "daemon.json")], [logs], [Path.Combine(home, "worktrees")]);

        Assert.Equal([$"{home} (was 0755)", $"{database} (was 0644)", $"{logs} (was 0755)", $"2 files and folders under {logs}"], changed);
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(home));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(logs, "task1")));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(log));
        Assert.Equal(Readable, File.GetUnixFileMode(settings));
        Assert.Empty(PrivateFiles.Tighten(home, [database], [logs], []));
    }

    [Fact]
    public void SecureDatabase_Missing_CreatedPrivateAndItsLooseWalTightened()
    {
        using var temp = new TempDirectory();
        var database = temp.File("baton.db");

        PrivateFiles.SecureDatabase(database);
        File.WriteAllText(database + "-wal", string.Empty);
        File.SetUnixFileMode(database + "-wal", Readable);
        var tightened = PrivateFiles.SecureDatabase(database);

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database));
        Assert.Equal(0, new FileInfo(database).Length);
        Assert.Equal([database + "-wal"], tightened);
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database + "-wal"));
    }

    [Fact]
    public void CreateDirectory_MissingParents_EachPrivate()
    {
        using var temp = new TempDirectory();
        var leaf = temp.File(Path.Combine("logs", "task1", "deeper"));

        PrivateFiles.CreateDirectory(leaf);

        Assert.All(
            [temp.File("logs"), temp.File(Path.Combine("logs", "task1")), leaf],
            folder => Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(folder)));
    }

    [Fact]
    public void WriteAllText_ExistingReadableFile_Private()
    {
        using var temp = new TempDirectory();
        var path = temp.File("daemon.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Readable);

        PrivateFiles.WriteAllText(path, "{}");

        Assert.Equal("{}", File.ReadAllText(path));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(path));
    }
}
