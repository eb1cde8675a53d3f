using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>
/// A fresh data directory with short grace and backoff settings, and ways to run the real executable against it:
/// the CLI, and daemons. Disposing stops the daemons and any process that still carries this home in its
/// environment (task processes of a failed test), so nothing outlives the test.
/// </summary>
internal sealed class BatonHome : IDisposable
{
    private readonly List<DaemonProcess> daemons = [];
    private readonly IReadOnlyDictionary<string, string> environment;

    public BatonHome(int stopGraceSeconds = 1, double retryBaseSeconds = 0.2, long? logCapBytes = null, string? containment = null, string? dir = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        this.environment = environment ?? new Dictionary<string, string>();
        Dir = dir ?? Directory.CreateTempSubdirectory("baton-e2e-").FullName;
        Work = Directory.CreateDirectory(System.IO.Path.Combine(Dir, "work")).FullName;
        var config = new Dictionary<string, object>
        {
            ["stop_grace_seconds"] = stopGraceSeconds,
            ["retry_base_seconds"] = retryBaseSeconds,
            ["retry_cap_seconds"] = 2,
        };
        if (logCapBytes is { } cap)
        {
            config["log_cap_bytes"] = cap;
        }

        if (containment is not null)
        {
            config["containment"] = containment;
        }

        File.WriteAllText(System.IO.Path.Combine(Dir, "baton.json"), JsonSerializer.Serialize(config));
    }

    /// <summary>BATON_HOME.</summary>
    public string Dir { get; }

    /// <summary>A scratch folder for tasks to write into.</summary>
    public string Work { get; }

    public string DatabasePath => System.IO.Path.Combine(Dir, "baton.db");

    /// <summary>How much longer than a `wait` command's own --timeout its process may take (its start and last read).</summary>
    public static readonly TimeSpan WaitSlack = TimeSpan.FromSeconds(30);

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, TimeSpan.FromSeconds(60));

    public async Task<CliResult> RunAsync(IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var start = StartInfo(args);
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await RunAsync(start, timeout);
    }

    /// <summary>Runs a prepared start (see <see cref="StartInfo"/>) to its end.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // A command that outlives its test must not outlive the run: stop it, and say what it had printed.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"'baton {string.Join(' ', start.ArgumentList)}' did not end within {timeout.TotalSeconds:0} s; it printed:\n{await stdout}{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Queues a command task (JSON output) and returns its id; fails the test if queuing fails.</summary>
    public async Task<string> AddAsync(params string[] args)
    {
        var result = await RunAsync(["task", "add", "--json", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("task_id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string id)
    {
        var result = await RunAsync("task", "status", id, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json;
    }

    /// <summary>
    /// Waits until the task is terminal and returns its status JSON: one `baton task wait`, however long it takes (a
    /// CLI process per poll would cost a CLI start each time), which never starts a daemon of its own.
    /// </summary>
    public async Task<JsonElement?> WaitTerminalAsync(string id, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var result = await RunAsync(["task", "wait", id, "--json", "--no-start", "--timeout", seconds], timeout + WaitSlack);
        if (result.ExitCode == 124)
        {
            throw new TimeoutException($"timed out after {seconds} s waiting for task {id} to end");
        }

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return result.Json;
    }

    /// <summary>Starts `baton serve` and waits until it answers on its socket.</summary>
    public Task<DaemonProcess> StartDaemonAsync(int workers = 4, bool waitUntilReady = true, IReadOnlyDictionary<string, string>? environment = null) =>
        // Without workers no engine starts: the HTTP server's line says the daemon is up.
        StartLongLivedAsync(["serve", "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)], workers == 0 ? "Serving HTTP on" : "Engine started", waitUntilReady, environment);

    /// <summary>
    /// Starts a long-lived command (<c>serve</c>, <c>worker</c>) and waits until its output shows
    /// <paramref name="readyMarker"/> and it answers on its socket.
    /// </summary>
    public async Task<DaemonProcess> StartLongLivedAsync(IReadOnlyList<string> args, string readyMarker, bool waitUntilReady = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(args);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new DaemonProcess(process, output);
        daemons.Add(daemon);
        if (!waitUntilReady)
        {
            return daemon;
        }

        await Eventually.True(
            () => process.HasExited || daemon.Output.Contains(readyMarker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the daemon to start");
        Assert.False(process.HasExited, $"daemon exited: {daemon.Output}");
        await Eventually.True(() => File.Exists(System.IO.Path.Combine(Dir, "daemon.sock")), TimeSpan.FromSeconds(10), "the daemon socket");
        return daemon;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>How the CLI is started against this home: its environment, its working directory.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(BatonExecutable.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Work,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BATON_HOME"] = Dir;
        // Tests run daemons side by side: each takes a free port (written to daemon.json) instead of 9090.
        start.Environment["BATON_URLS"] = "http://127.0.0.1:0";
        start.Environment.Remove("BATON_DB");
        start.Environment.Remove("BATON_WORKERS");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public void Dispose()
    {
        foreach (var daemon in daemons)
        {
            daemon.Dispose();
        }

        // A daemon started in the background by the CLI, and task processes left by a failed test, all carry
        // BATON_HOME=<this dir> in their environment; stop exactly those.
        var marker = Encoding.UTF8.GetBytes($"BATON_HOME={Dir}");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && HasEntry(pid, marker))
            {
                try
                {
                    Process.GetProcessById(pid).Kill();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A process was still writing a log; the temp folder is cleaned by the OS.
        }
    }

    private static bool HasEntry(int pid, byte[] entry)
    {
        try
        {
            var environ = File.ReadAllBytes($"/proc/{pid}/environ");
            return environ.AsSpan().IndexOf(entry) >= 0
                && (environ.AsSpan().IndexOf(entry) + entry.Length == environ.Length || environ[environ.AsSpan().IndexOf(entry) + entry.Length] == 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
