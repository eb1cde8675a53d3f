using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>A task that kills its own daemon is rescued a bounded number of times, then fails.</summary>
public sealed class RescueLimitTests : IDisposable
{
    private readonly BatonHome home = new(stopGraceSeconds: 1);

    [Fact]
    public async Task Rescue_TaskThatKillsItsDaemonEveryTime_FailsAfterThreeRescues()
    {
        var daemon = await home.StartDaemonAsync(workers: 1);
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", "kill -9 $PPID");

        // Each daemon runs the next attempt and is killed by it; the fourth rescue gives up.
        for (var run = 0; run < 6 && await DiesAsync(daemon, id); run++)
        {
            daemon = await home.StartDaemonAsync(workers: 1, waitUntilReady: false);
        }

        var status = await home.StatusAsync(id);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("not rescued again (limit 3)", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        var attempts = status.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Equal(["interrupted", "interrupted", "interrupted", "interrupted"], attempts);
    }

    /// <summary>True if the daemon died (killed by the task); false once the task has failed for good.</summary>
    private async Task<bool> DiesAsync(DaemonProcess daemon, string id)
    {
        await Eventually.True(
            async () => daemon.HasExited || (await home.StatusAsync(id)).GetProperty("status").GetString() == "failed",
            TimeSpan.FromSeconds(30),
            "the task to kill its daemon or fail");
        return daemon.HasExited;
    }

    public void Dispose() => home.Dispose();
}
