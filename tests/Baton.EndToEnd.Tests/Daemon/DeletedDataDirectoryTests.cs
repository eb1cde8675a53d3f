using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>A data directory deleted under a running daemon: the daemon takes no more work, and says why.</summary>
public sealed class DeletedDataDirectoryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly BatonHome home = new();
    private readonly string outside = Directory.CreateTempSubdirectory("baton-e2e-outside-").FullName;

    [Fact]
    public async Task DeletingTheDataDirectory_UnderARunningDaemon_ItRefusesWorkAndNothingIsWrittenIntoTheDeletedStore()
    {
        var pidFile = Path.Combine(outside, "pid");
        using var daemon = await home.StartDaemonAsync();
        await home.AddAsync("--no-start", "--", "sh", "-c", $"echo $$ > {pidFile}; exec sleep 600");
        await Eventually.True(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, Deadline, "the task to run");
        var taskPid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        var url = new Uri(JsonDocument.Parse(File.ReadAllText(Path.Combine(home.Dir, "daemon.json"))).RootElement.GetProperty("urls")[0].GetString()!);

        await Eventually.True(DeleteDataDirectory, Deadline, "the data directory to be deleted");

        using var client = new HttpClient();
        HttpResponseMessage? refused = null;
        await Eventually.True(
            async () =>
            {
                refused = await client.PostAsync(new Uri(url, "/api/v1/tasks"), new StringContent(
                    $$"""{"name": "after", "command": ["true"], "working_directory": "{{outside}}"}""", Encoding.UTF8, "application/json"));
                return refused.StatusCode != HttpStatusCode.Created;
            },
            Deadline,
            "the daemon to notice");
        var problem = await refused!.Content.ReadAsStringAsync();
        var add = await RunOutsideAsync("task", "add", "--", "true");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("was deleted while it ran", problem, StringComparison.Ordinal);
        Assert.True(add.ExitCode == 4, add.ToString());
        Assert.Contains($"was deleted while a Baton daemon (pid {daemon.Pid}) ran on it", add.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(home.DatabasePath), "the CLI made a new store beside the orphaned daemon");
        await Eventually.True(() => !ProcessProbe.IsAlive(taskPid), Deadline, "the daemon to stop its task");
        Assert.Equal(1L, TasksInDeletedStore(daemon.Pid));
        Assert.False(daemon.HasExited);
    }

    /// <summary>
    /// One recursive delete; false if the running daemon created a file in a folder between its listing and its
    /// removal ("Directory not empty"), so the next try takes that file too.
    /// </summary>
    private bool DeleteDataDirectory()
    {
        try
        {
            Directory.Delete(home.Dir, recursive: true);
            return true;
        }
        catch (IOException) when (Directory.Exists(home.Dir))
        {
            return false;
        }
    }

    private Task<CliResult> RunOutsideAsync(params string[] args)
    {
        var start = home.StartInfo(args);
        start.WorkingDirectory = outside;
        return BatonHome.RunAsync(start, Deadline);
    }

    /// <summary>Counts the tasks of the deleted store, read through the daemon's own open files (and its log).</summary>
    private long TasksInDeletedStore(int pid)
    {
        var copy = Path.Combine(outside, "deleted.db");
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            var fd = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").FirstOrDefault(f => new FileInfo(f).LinkTarget == $"{home.DatabasePath}{suffix} (deleted)");
            if (fd is not null)
            {
                File.Copy(fd, copy + suffix);
            }
        }

        using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tasks";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        home.Dispose();
        Directory.Delete(outside, recursive: true);
    }
}
