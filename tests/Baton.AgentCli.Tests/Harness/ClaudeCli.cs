using System.Diagnostics;
using System.Reflection;

namespace Baton.AgentCli.Tests.Harness;

/// <summary>
/// The real Claude Code CLI, installed by this project's build into <c>tools/claude-code</c>, and how to run it
/// headless against a scripted endpoint without it ever leaving loopback.
/// </summary>
internal static class ClaudeCli
{
    /// <summary>The version pinned in Baton.AgentCli.Tests.csproj (ClaudeCodeVersion).</summary>
    public static string PinnedVersion { get; } = typeof(ClaudeCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "ClaudeCodeVersion").Value!;

    public static string ExecutablePath { get; } = Locate();

    /// <summary>
    /// The whole environment of a run. Nothing is inherited except PATH, so a developer's own ANTHROPIC_*, CLAUDE_*,
    /// proxy or cloud-provider variables cannot redirect the CLI to a real endpoint or a real account.
    /// </summary>
    public static Dictionary<string, string> Environment(Uri baseUrl, ClaudeSandbox sandbox) => new()
    {
        // The Bash tool and the CLI's own shell snapshot look commands up on PATH.
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
        // Every Messages API call (main loop and side calls) goes to the scripted endpoint instead of api.anthropic.com.
        ["ANTHROPIC_BASE_URL"] = baseUrl.GetLeftPart(UriPartial.Authority),
        // Any key works against the fake; with one set the CLI needs no login (apiKeySource "ANTHROPIC_API_KEY").
        ["ANTHROPIC_API_KEY"] = "sk-test",
        // ~/.claude (settings, transcripts, the .claude.json state file) lives in the test's own folder.
        ["HOME"] = sandbox.Home,
        // Temp files (shell snapshots, background task output) stay in the sandbox too.
        ["TMPDIR"] = sandbox.Temp,
        // No metrics or event logging (Statsig/OpenTelemetry/Datadog).
        ["DISABLE_TELEMETRY"] = "1",
        // No Sentry crash reports.
        ["DISABLE_ERROR_REPORTING"] = "1",
        // Umbrella switch for the rest: without it 2.1.330 sends HEAD /api/hello to the base URL and resolves
        // outside hosts through DNS (seen with strace); with it the only connection is to the base URL.
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        // No self-update check or download.
        ["DISABLE_AUTOUPDATER"] = "1",
        // Running as root (CI containers) makes bypassPermissions / --dangerously-skip-permissions exit 1 with
        // "cannot be used with root/sudo privileges" unless the CLI is told it is in a sandbox.
        ["IS_SANDBOX"] = "1",
        // Fail fast: the CLI retries 429/5xx/401 up to 10 times with backoff (minutes) by default.
        ["CLAUDE_CODE_MAX_RETRIES"] = "0",
    };

    /// <summary>
    /// Runs <c>claude</c> with <paramref name="arguments"/> in <see cref="ClaudeSandbox.Work"/>, writes
    /// <paramref name="prompt"/> to stdin and closes it, and waits for the exit. Past <paramref name="timeout"/>
    /// the process tree is killed and a <see cref="TimeoutException"/> carries what it printed.
    /// </summary>
    public static async Task<ClaudeRun> RunAsync(
        ClaudeSandbox sandbox,
        Uri baseUrl,
        IEnumerable<string> arguments,
        string prompt,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = sandbox.Work,
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
        foreach (var (name, value) in Environment(baseUrl, sandbox))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        // Claude reads a piped stdin to EOF before starting (2.1.330 warns after 3 s of silence), so close it.
        await process.StandardInput.WriteAsync(prompt.AsMemory(), cancellationToken);
        process.StandardInput.Close();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Tool commands run in their own sessions, so only a tree kill reaches them.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var partial = new ClaudeRun(process.ExitCode, await stdout, await stderr);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"claude did not exit within {timeout}\n{partial}");
        }

        return new ClaudeRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var path = Path.Combine(RepositoryRoot.Path, "tools", "claude-code", "node_modules", ".bin", "claude");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Claude Code is not installed at {path}; build tests/Baton.AgentCli.Tests with node and npm on PATH " +
                $"(it runs npm install @anthropic-ai/claude-code@{PinnedVersion}).");
    }
}
