using System.Diagnostics;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>
/// A data directory that cannot be written still serves the commands that only read. Making it read-only with chmod
/// would not do as root (root writes anyway), so each CLI runs in a mount namespace of its own (unshare -m) where the
/// directory is bind-mounted read-only over itself: writes there fail with EROFS for every user, and nothing outside
/// that one process sees the mount. This needs root, so other users see the test skipped.
/// </summary>
public sealed class ReadOnlyDataDirectoryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BatonHome home = new();

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadingCommands_OnAReadOnlyDataDirectory_WorkAndWritingOnesSayWhyNot(bool cleanShutdown)
    {
        Skip.IfNot(CanMountReadOnly(), "needs root and unshare -m to bind-mount the data directory read-only");
        var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", "echo hello");
        await home.WaitTerminalAsync(id, Deadline);
        if (cleanShutdown)
        {
            daemon.Terminate();
            await daemon.WaitForExitAsync(Deadline);
            CheckpointAndClose(home.DatabasePath);
            Assert.False(File.Exists(home.DatabasePath + "-shm"), "the shared-memory file should be gone after a clean close");
        }
        else
        {
            // kill -9 leaves the write-ahead log and its shared-memory file behind.
            daemon.KillHard();
        }

        var list = await ReadOnlyAsync("task", "list", "--json");
        var status = await ReadOnlyAsync("task", "status", id, "--json");
        var result = await ReadOnlyAsync("task", "result", id);
        var logs = await ReadOnlyAsync("task", "logs", id);
        var wait = await ReadOnlyAsync("task", "wait", id);
        var workflows = await ReadOnlyAsync("workflow", "list", "--json");
        var notifications = await ReadOnlyAsync("notifications", "--peek", "--json");
        var doctor = await ReadOnlyAsync("doctor", "--json");
        var add = await ReadOnlyAsync("task", "add", "--", "true");
        var serve = await ReadOnlyAsync("serve");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(id, list.Json[0].GetProperty("task_id").GetString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("completed", status.Json.GetProperty("status").GetString());
        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal("hello\n", logs.Stdout);
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.True(workflows.ExitCode == 0, workflows.ToString());
        Assert.True(notifications.ExitCode == 0, notifications.ToString());
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("read-only", doctor.Stdout, StringComparison.Ordinal);
        Assert.True(add.ExitCode == 5, add.ToString());
        Assert.Contains("none can start there", add.Stderr, StringComparison.Ordinal);
        Assert.True(serve.ExitCode == 5, serve.ToString());
        Assert.Contains("a daemon needs a data directory it may write to", serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", add.Stderr + serve.Stderr, StringComparison.Ordinal);
    }

    private Task<CliResult> ReadOnlyAsync(params string[] args)
    {
        var start = home.StartInfo(args);
        start.FileName = "unshare";
        string[] wrapper = ["-m", "sh", "-c", "mount --bind -o ro \"$1\" \"$1\" && shift && exec \"$@\"", "sh", home.Dir, BatonExecutable.Path];
        for (var i = 0; i < wrapper.Length; i++)
        {
            start.ArgumentList.Insert(i, wrapper[i]);
        }

        return BatonHome.RunAsync(start, Deadline);
    }

    private static void CheckpointAndClose(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    private static bool CanMountReadOnly()
    {
        if (Environment.UserName != "root")
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-m", "sh", "-c", "mount --bind -o ro /tmp /tmp"]) { RedirectStandardError = true })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose() => home.Dispose();
}
