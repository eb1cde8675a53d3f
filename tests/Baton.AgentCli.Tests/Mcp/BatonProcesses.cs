using System.Diagnostics;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Mcp;

/// <summary>
/// The real <c>baton</c> for the agent-MCP tests: a daemon and CLI commands, all run in one working folder with one
/// environment (the agent CLI's isolated homes and scripted endpoint, which the daemon passes on to the agents it runs)
/// and one data directory. Disposing stops the daemon.
/// </summary>
internal sealed class BatonProcesses(string work, string batonHome, IReadOnlyDictionary<string, string> environment, TimeSpan deadline) : IAsyncDisposable
{
    private Process? daemon;

    /// <summary>The baton executable the tests start.</summary>
    public static string Executable => BatonProgram.Path;

    /// <summary>Starts <c>baton serve --workers 1</c> and waits until it has written daemon.json.</summary>
    public async Task StartDaemonAsync()
    {
        daemon = Start(["serve", "--workers", "1"]);
        var started = TimeProvider.System.GetTimestamp();
        while (!File.Exists(Path.Combine(batonHome, "daemon.json")))
        {
            if (TimeProvider.System.GetElapsedTime(started) > deadline)
            {
                throw new TimeoutException("timed out waiting for the daemon to start");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Runs one baton command to its end (within the deadline).</summary>
    public async Task<BatonRun> RunAsync(params IReadOnlyList<string> arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(limit.Token);
        return new BatonRun(process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (daemon is { HasExited: false })
        {
            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync();
        }

        daemon?.Dispose();
    }

    private Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = work,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["BATON_HOME"] = batonHome;
        start.Environment["BATON_URLS"] = "http://127.0.0.1:0";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}

/// <summary>How a baton command ended.</summary>
internal sealed record BatonRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
