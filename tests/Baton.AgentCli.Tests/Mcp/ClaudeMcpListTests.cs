using System.Diagnostics;
using System.Text.Json;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Mcp;

/// <summary>
/// The real Claude Code CLI's own connection check: in a project where <c>baton init claude</c> wrote
/// <c>.mcp.json</c>, <c>claude mcp list</c> starts <c>baton mcp</c>, initializes, and reports it connected.
/// </summary>
public sealed class ClaudeMcpListTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly ClaudeSandbox sandbox = new();
    private readonly string batonHome = Directory.CreateTempSubdirectory("baton-claude-mcp-").FullName;
    private Process? daemon;

    [Fact]
    public async Task ClaudeMcpList_WithTheMcpJsonThatBatonInitWrote_ReportsBatonConnected()
    {
        var baton = BatonProcesses.Executable;
        // A daemon of the test's own, so the server Claude Code starts finds one and starts none itself.
        daemon = Start(baton, ["serve", "--workers", "1"], batonHome);
        await WaitUntilAsync(() => File.Exists(Path.Combine(batonHome, "daemon.json")), "the daemon to start");

        var init = await RunAsync(baton, ["init", "claude"]);
        var entry = JsonDocument.Parse(File.ReadAllText(Path.Combine(sandbox.Work, ".mcp.json"))).RootElement.GetProperty("mcpServers").GetProperty("baton");
        // Claude Code asks before it runs a project's servers; a user who trusts the project approves them once.
        Directory.CreateDirectory(Path.Combine(sandbox.Home, ".claude"));
        File.WriteAllText(Path.Combine(sandbox.Home, ".claude", "settings.json"), """{"enableAllProjectMcpServers": true}""");
        var list = await RunAsync(ClaudeCli.ExecutablePath, ["mcp", "list"]);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(baton, entry.GetProperty("command").GetString());
        Assert.Equal(["mcp"], entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"baton: {System.Text.RegularExpressions.Regex.Escape(baton)} mcp - ✔ Connected", list.Stdout);
    }

    /// <summary>Runs a program in the project with Claude Code's isolated test environment plus this test's BATON_HOME.</summary>
    private async Task<Run> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        using var process = Start(program, arguments, sandbox.Work);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private Process Start(string program, IReadOnlyList<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
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
        // Claude Code passes its environment on to the stdio servers it starts.
        foreach (var (name, value) in ClaudeCli.Environment(new Uri("http://127.0.0.1:9"), sandbox))
        {
            start.Environment[name] = value;
        }

        start.Environment["BATON_HOME"] = batonHome;
        start.Environment["BATON_URLS"] = "http://127.0.0.1:0";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public void Dispose()
    {
        if (daemon is { HasExited: false })
        {
            daemon.Kill();
            daemon.WaitForExit();
        }

        daemon?.Dispose();
        sandbox.Dispose();
        try
        {
            Directory.Delete(batonHome, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
