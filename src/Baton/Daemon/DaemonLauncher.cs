using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Core.Processes;
using Baton.Core.Runners;

namespace Baton.Daemon;

/// <summary>Makes sure a daemon serves the data directory, starting one in the background if allowed.</summary>
internal static class DaemonLauncher
{
    /// <summary>Said when a command started a daemon that runs no tasks (see <see cref="BatonSettings.BackgroundWorkers"/>).</summary>
    public const string ApiOnlyNote =
        "It serves the API only and runs no tasks, as the database is shared: tasks run on the nodes started with 'baton serve' or 'baton worker'. "
        + "To run tasks on this machine too, start it with one of those, or set \"workers\" in baton.json";

    /// <summary>
    /// Returns the pid of a live daemon and whether it was started now. Throws an unavailable error if none is
    /// alive and <paramref name="allowStart"/> is false, or if a started one does not answer in time.
    /// </summary>
    public static async Task<(int Pid, bool Started)> EnsureRunningAsync(BatonSettings settings, bool allowStart, CancellationToken cancellationToken = default)
    {
        var client = new DaemonClient(settings.SocketPath);
        if (await client.PingAsync(cancellationToken) is { } pid)
        {
            return (pid, false);
        }

        if (!allowStart)
        {
            throw new BatonException(
                ErrorKind.Unavailable,
                $"no Baton daemon is running for {settings.Home}; start one with 'baton serve', or leave out --no-start to start it in the background");
        }

        OrphanedDaemon.ThrowIfAny(settings);
        try
        {
            settings.EnsureHome();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(settings, ex);
        }

        var (program, arguments) = SelfCommand(["serve", Cli.Commands.ServeCommand.BackgroundFlag]);
        var environment = new Dictionary<string, string>(AttemptEnvironment.OfCurrentProcess(), StringComparer.Ordinal)
        {
            ["BATON_HOME"] = settings.Home,
            ["BATON_DB"] = settings.StoreLocation,
        };
        var logStart = File.Exists(settings.DaemonLogPath) ? new FileInfo(settings.DaemonLogPath).Length : 0;
        int started;
        try
        {
            started = ProcessLauncher.StartDetached(
                new ProcessStartSpec(program, arguments, settings.Home, environment), settings.DaemonLogPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(settings, ex);
        }

        // Wait, with a deadline, until it answers (or until another CLI's daemon won the race for the lock).
        var time = TimeProvider.System;
        var begun = time.GetTimestamp();
        while (time.GetElapsedTime(begun) < TimeSpan.FromSeconds(15))
        {
            if (await client.PingAsync(cancellationToken) is { } live)
            {
                return (live, live == started);
            }

            if (!IsRunning(started))
            {
                // It refused to start (a taken port, no API token for a public address, ...): say why, in its words.
                throw new BatonException(ErrorKind.Unavailable, RefusalOf(settings.DaemonLogPath, logStart)
                    ?? $"started a Baton daemon (pid {started}) but it exited at once; see {settings.DaemonLogPath}");
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new BatonException(
            ErrorKind.Unavailable,
            $"started a Baton daemon (pid {started}) but it did not answer within 15 s; see {settings.DaemonLogPath}");
    }

    private static BatonException NotWritable(BatonSettings settings, Exception ex) => new(
        ErrorKind.Unavailable,
        $"no Baton daemon is running for {settings.Home}, and none can start there: {ex.Message.TrimEnd('.')}. A daemon needs a data directory it may write to; fix its permissions, or set BATON_HOME to another one",
        ex);

    /// <summary>
    /// The addresses the daemon <paramref name="pid"/> serves on, if they are not the configured ones (it took a free
    /// port because another Baton daemon holds the configured one); null otherwise. It records them in daemon.json
    /// just after it starts answering, so this waits a moment for the file to name it.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> MovedUrlsAsync(BatonSettings settings, int pid, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var begun = time.GetTimestamp();
        while (time.GetElapsedTime(begun) < TimeSpan.FromSeconds(3))
        {
            if (DaemonLock.ReadInfo(settings) is { Urls: { } urls } info && info.Pid == pid)
            {
                var configuredPorts = settings.Urls.Select(u => new Uri(u).Port).ToHashSet();
                return configuredPorts.Contains(0) || urls.All(u => configuredPorts.Contains(new Uri(u).Port)) ? null : urls;
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    /// <summary>True while the process exists and is not a zombie (this process reaps its detached child).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The daemon's own one-line refusal ("baton: ..."), from what it wrote to its log after <paramref name="from"/>.</summary>
    private static string? RefusalOf(string logPath, long from)
    {
        try
        {
            using var log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(Math.Min(from, log.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(log);
            var line = reader.ReadToEnd().Split('\n').LastOrDefault(l => l.StartsWith("baton: ", StringComparison.Ordinal));
            return line is null ? null : $"the Baton daemon could not start: {line["baton: ".Length..].Trim()}";
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// This executable as one program a shell can run: the apphost, also when this process is 'dotnet baton.dll' and the
    /// apphost sits beside it; null if there is none.
    /// </summary>
    public static string? SelfExecutable()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) != "dotnet")
        {
            return processPath;
        }

        var apphost = Path.ChangeExtension(typeof(DaemonLauncher).Assembly.Location, null);
        return File.Exists(apphost) ? apphost : null;
    }

    /// <summary>How to run this same executable with other arguments (apphost, or 'dotnet baton.dll').</summary>
    public static (string Program, IReadOnlyList<string> Arguments) SelfCommand(IReadOnlyList<string> arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            var assembly = typeof(DaemonLauncher).Assembly.Location;
            return (processPath, [assembly, .. arguments]);
        }

        return (processPath, arguments);
    }
}
