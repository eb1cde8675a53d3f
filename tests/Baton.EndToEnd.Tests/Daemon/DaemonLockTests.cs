using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>The one-daemon lock names its holder only when daemon.json still describes that very process.</summary>
public sealed class DaemonLockTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Serve_LockHeldAndDaemonJsonNamesAProcessThatIsNoBatonDaemon_NeverSaysKillIt()
    {
        // daemon.json left by a daemon killed with -9, whose pid now belongs to another program (here: this test).
        var pid = Environment.ProcessId;
        File.WriteAllText(Path.Combine(home.Dir, "daemon.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["pid"] = pid,
            ["started_at"] = DateTimeOffset.UnixEpoch,
            ["database_path"] = home.DatabasePath,
            ["workers"] = 1,
            ["worker_id"] = Baton.Core.Engine.WorkerIdentity.Of(pid, 1),
        }));
        using var holder = new FileStream(Path.Combine(home.Dir, "daemon.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = await home.RunAsync("serve");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("another process holds", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no longer that daemon", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("kill", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("already running", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_LockHeldWithoutDaemonJson_SaysAnotherProcessHoldsItAndNamesNoPid()
    {
        using var holder = new FileStream(Path.Combine(home.Dir, "daemon.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = await home.RunAsync("serve");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("another process holds", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("kill", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
