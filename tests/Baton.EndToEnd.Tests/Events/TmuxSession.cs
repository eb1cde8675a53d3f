using System.Diagnostics;

namespace Baton.EndToEnd.Tests.Events;

/// <summary>
/// A detached tmux session of the test's own, on a tmux server of its own (<c>-L</c>), so that it touches no one
/// else's sessions; disposing kills that session by its name.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private readonly string server = $"baton-test-{Guid.NewGuid():N}";

    public string Name { get; } = "watch";

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a 160x50 session.</summary>
    public static async Task<TmuxSession> StartAsync(string command)
    {
        var session = new TmuxSession();
        var result = await session.TmuxAsync("new-session", "-d", "-s", session.Name, "-x", "160", "-y", "50", command);
        Assert.True(result.Exit == 0, $"tmux new-session failed ({result.Exit}): {result.Output}");
        return session;
    }

    /// <summary>The screen as text.</summary>
    public async Task<string> CaptureAsync() => (await TmuxAsync("capture-pane", "-p", "-t", Name)).Output;

    /// <summary>Presses keys in the session, e.g. <c>C-c</c>.</summary>
    public Task SendKeysAsync(string keys) => TmuxAsync("send-keys", "-t", Name, keys);

    public void Dispose()
    {
        // Killing the last session ends this test's tmux server too.
        TmuxAsync("kill-session", "-t", Name).GetAwaiter().GetResult();
    }

    private async Task<(int Exit, string Output)> TmuxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(server);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
