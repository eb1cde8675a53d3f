using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary>Bad input gets one clear line and a non-zero exit; nothing stored is lost or changed.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly BatonHome home = new();

    [Theory]
    [InlineData(new[] { "task", "status", "zzzzzzzzzzzz" }, 3, "no task with id")]
    [InlineData(new[] { "task", "status", "not an id!" }, 2, "is not a task id")]
    [InlineData(new[] { "task", "add", "--no-start", "--run-at", "next tuesday-ish", "--", "true" }, 2, "is not a time")]
    [InlineData(new[] { "task", "add", "--no-start", "--", "definitely-not-a-program-xyz" }, 2, "was not found on PATH")]
    [InlineData(new[] { "task", "add", "--no-start", "--cwd", "/no/such/dir", "--", "true" }, 2, "does not exist")]
    [InlineData(new[] { "task", "add", "--priority", "urgent", "--", "true" }, 2, "--priority takes critical, high, normal or low, not 'urgent'")]
    [InlineData(new[] { "task", "add", "--metadata", "novalue", "--", "true" }, 2, "KEY=VALUE")]
    [InlineData(new[] { "task", "list", "--status", "done" }, 2, "--status takes pending, running, retrying, input_required, paused, completed, failed, cancelled or timed_out, not 'done'")]
    [InlineData(new[] { "task", "add", "--priorty", "high", "--no-start", "--", "true" }, 2, "unknown option '--priorty'; did you mean '--priority'?")]
    [InlineData(new[] { "task", "add", "--timeout", "abc", "--", "true" }, 2, "--timeout takes whole seconds, e.g. 600, not 'abc'")]
    [InlineData(new[] { "tsak", "list" }, 2, "'tsak' is not a baton command; did you mean 'baton task'?")]
    [InlineData(new[] { "task", "add", "--no-start", "--run-at", "+99999999d", "--", "true" }, 2, "--run-at '+99999999d' is more than 100 years away")]
    [InlineData(new[] { "task", "status", "0123456789ab!" }, 2, "digits and the letters a to z without i, l, o and u")]
    [InlineData(new[] { "task", "add", "--no-start", "--", "true" }, 5, "no Baton daemon is running")]
    public async Task Command_WithBadInput_PrintsOneLineAndExitsNonZero(string[] args, int exitCode, string message)
    {
        var result = await home.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("baton: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await home.RunAsync("task", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Command_WithCorruptDatabase_FailsClearlyAndLeavesTheFileUntouched()
    {
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(home.DatabasePath, garbage);

        var list = await home.RunAsync("task", "list");
        var add = await home.RunAsync("task", "add", "--no-start", "--", "true");

        Assert.Equal(6, list.ExitCode);
        Assert.Contains("left untouched", list.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, add.ExitCode);
        Assert.Equal(garbage, File.ReadAllBytes(home.DatabasePath));
    }

    [Fact]
    public async Task Command_WithLockedDatabase_ReportsTheLockAndKeepsData()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "true");
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(20));
        daemon.KillHard();

        // An exclusive lock held by another program (sqlite3 shell style) for longer than the CLI waits.
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={home.DatabasePath};Pooling=False");
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO schema_migrations VALUES (999, 'lock', 'x'); ";
            command.ExecuteNonQuery();
        }

        var locked = await home.RunAsync(["task", "list"], TimeSpan.FromSeconds(60));
        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        holder.Close();
        Assert.Equal(5, locked.ExitCode);
        Assert.Contains("locked by another process", locked.Stderr, StringComparison.Ordinal);
        Assert.Equal("completed", (await home.StatusAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Result_OfRunningTask_SaysHowToWait()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sleep", "600");

        var result = await home.RunAsync("task", "result", id);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("baton task wait", result.Stderr, StringComparison.Ordinal);
        await home.RunAsync("task", "cancel", id);
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(20));
    }

    public void Dispose() => home.Dispose();
}
