using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>Every file Baton writes is its owner's alone, also in a data directory that was open before.</summary>
public sealed class DataDirectoryModesTests
{
    private const UnixFileMode Open = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    [Fact]
    public async Task TaskAdd_LooseDirectoryFromBefore_TightenedSaidOnceAndEveryFilePrivate()
    {
        using var home = new BatonHome();
        var oldLog = Directory.CreateDirectory(Path.Combine(home.Dir, "logs", "oldtask00000")).FullName;
        File.WriteAllText(Path.Combine(oldLog, "1.log"), "an older Baton's log\n");
        File.SetUnixFileMode(Path.Combine(oldLog, "1.log"), Readable);
        File.SetUnixFileMode(oldLog, Open);
        File.SetUnixFileMode(Path.Combine(home.Dir, "logs"), Open);
        File.SetUnixFileMode(Path.Combine(home.Dir, "baton.json"), Readable);
        File.SetUnixFileMode(home.Dir, Open);

        var added = await home.RunAsync("task", "add", "--json", "--", "sh", "-c", "echo out; echo err >&2");
        var again = await home.RunAsync("task", "list");
        var id = added.Json.GetProperty("task_id").GetString()!;
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("Made Baton's data directory private", added.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{home.Dir} (was 0755)", added.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("private", again.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(home.Dir, "logs", id, "1.log")));
        Assert.True(File.Exists(Path.Combine(home.Dir, "daemon.sock")));
        FileModes.AssertPrivate(home.Dir);
    }

    [Fact]
    public async Task TaskAdd_FreshDirectory_EverythingPrivateFromCreationNothingToTighten()
    {
        using var home = new BatonHome();

        var id = await home.AddAsync("--", "sh", "-c", "echo out; echo err >&2");
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30));
        var after = await home.RunAsync("task", "logs", id);

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain("private", after.Stderr, StringComparison.Ordinal);
        FileModes.AssertPrivate(home.Dir);
    }

    [Fact]
    public async Task Serve_DatabaseElsewhere_DatabaseAndItsWalPrivate()
    {
        using var home = new BatonHome();
        var folder = Directory.CreateDirectory(Path.Combine(home.Work, "shared")).FullName;
        File.SetUnixFileMode(folder, Open);
        var database = Path.Combine(folder, "team.db");
        var environment = new Dictionary<string, string> { ["BATON_DB"] = database };

        await home.StartDaemonAsync(workers: 1, environment: environment);
        var added = await home.RunAsync(["task", "add", "--", "true"], TimeSpan.FromSeconds(60), environment);

        Assert.True(added.ExitCode == 0, added.ToString());
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
