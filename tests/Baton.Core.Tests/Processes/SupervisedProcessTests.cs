using System.Globalization;
using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Processes;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Processes;

/// <summary>
/// Real processes under /bin/sh. These use the system clock: the grace period and the tree's exit are real time,
/// and every wait is bounded.
/// </summary>
public sealed class SupervisedProcessTests : IDisposable
{
    // A task id of its own per run: tests in other classes stop process trees by their attempt's marker.
    private static readonly AttemptKey Attempt = new(Baton.Core.Tasks.TaskIds.New(), 1);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin" };
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task RunAsync_ProcessWritesAndExits_ReturnsExitCodeAndLogsBothStreams()
    {
        var logPath = directory.File("1.log");
        ProcessExit exit;
        string stdoutTail, stderrTail;
        using (var log = AttemptLog.Create(logPath, 1024 * 1024, 4096))
        {
            exit = await RunAsync("echo out; echo err >&2; exit 3", log, CancellationToken.None).WaitAsync(Bound);
            stdoutTail = log.StdoutTail;
            stderrTail = log.StderrTail;
        }

        Assert.Equal(new ProcessExit(3, null), exit);
        Assert.Equal("out\n", stdoutTail);
        Assert.Equal("err\n", stderrTail);
        var text = await File.ReadAllTextAsync(logPath);
        Assert.Contains("out\n", text, StringComparison.Ordinal);
        Assert.Contains("err\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Started_ReportsTheMainProcessIdentity()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        ProcessIdentity? started = null;

        await SupervisedProcess.RunAsync(
            Spec("echo $$"),
            Attempt,
            log,
            identity =>
            {
                started = identity;
                return Task.CompletedTask;
            },
            Grace,
            TimeProvider.System,
            CancellationToken.None).WaitAsync(Bound);

        Assert.NotNull(started);
        Assert.Equal(log.StdoutTail.Trim(), started.ProcessId.ToString(CultureInfo.InvariantCulture));
        Assert.True(started.StartTicks > 0);
        Assert.Equal((await File.ReadAllTextAsync("/proc/sys/kernel/random/boot_id")).Trim(), started.BootId);
        Assert.False(IsAlive(started.ProcessId));
    }

    [Fact]
    public async Task RunAsync_Always_PutsAttemptMarkerInChildEnvironment()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);

        var exit = await RunAsync("printf %s \"$BATON_ATTEMPT_ID\"", log, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(Attempt.ToString(), log.StdoutTail);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileTreeIgnoresSigterm_KillsWholeTree()
    {
        var pidFile = directory.File("sleep.pid");
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        using var stop = new CancellationTokenSource();
        var shellPid = 0;

        var run = SupervisedProcess.RunAsync(
            Spec($"trap '' TERM; sleep 600 & echo $! > '{pidFile}'; wait"),
            Attempt,
            log,
            identity =>
            {
                shellPid = identity.ProcessId;
                return Task.CompletedTask;
            },
            Grace,
            TimeProvider.System,
            stop.Token);
        await Poll.UntilAsync(() => ReadPid(pidFile) is not null, Bound, "the shell to record its child's pid");
        var sleepPid = ReadPid(pidFile)!.Value;
        Assert.True(IsAlive(shellPid));
        Assert.True(IsAlive(sleepPid));

        await stop.CancelAsync();
        var exit = await run.WaitAsync(Bound);

        Assert.Equal(new ProcessExit(null, 9), exit);
        Assert.False(IsAlive(shellPid), "the shell outlived its attempt");
        Assert.False(IsAlive(sleepPid), "the shell's child outlived its attempt");
    }

    [Fact]
    public async Task RunAsync_ChildLeftBehindByExitedProcess_IsStopped()
    {
        var pidFile = directory.File("sleep.pid");
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);

        // The background sleep keeps the shell's stdout open, so redirect it; the shell exits at once.
        var exit = await RunAsync($"sleep 600 > /dev/null 2>&1 & echo $! > '{pidFile}'; exit 0", log, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(0, exit.ExitCode);
        var sleepPid = ReadPid(pidFile);
        Assert.NotNull(sleepPid);
        Assert.False(IsAlive(sleepPid.Value), "an orphan outlived its attempt");
    }

    [Fact]
    public async Task RunAsync_OpenInput_ProcessReadsEachLineAsWrittenAndEndsAtClose()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        var input = new ProcessInput();
        var lines = new List<string>();

        // The shell answers each line before the next is written, so the lines go in while it runs.
        var run = SupervisedProcess.RunAsync(
            Spec("while read -r line; do echo \"got $line\"; done; echo eof") with { Input = input },
            Attempt,
            log,
            _ => Task.CompletedTask,
            Grace,
            TimeProvider.System,
            CancellationToken.None,
            line =>
            {
                lock (lines)
                {
                    lines.Add(System.Text.Encoding.UTF8.GetString(line));
                }
            });
        Assert.True(await input.WriteLineAsync("one").WaitAsync(Bound));
        await Poll.UntilAsync(() => Snapshot(lines).Contains("got one"), Bound, "the first line to be answered");
        Assert.True(await input.WriteLineAsync("two").WaitAsync(Bound));
        await Poll.UntilAsync(() => Snapshot(lines).Contains("got two"), Bound, "the second line to be answered");
        Assert.False(run.IsCompleted);

        await input.CloseAsync().WaitAsync(Bound);
        var exit = await run.WaitAsync(Bound);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["got one", "got two", "eof"], Snapshot(lines));
    }

    [Fact]
    public async Task RunAsync_OpenInputOfExitedProcess_WriteReturnsFalse()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        var input = new ProcessInput();

        var exit = await SupervisedProcess.RunAsync(
            Spec("exit 0") with { Input = input }, Attempt, log, _ => Task.CompletedTask, Grace, TimeProvider.System, CancellationToken.None)
            .WaitAsync(Bound);

        Assert.Equal(0, exit.ExitCode);
        Assert.True(input.IsClosed);
        Assert.False(await input.WriteLineAsync("too late").WaitAsync(Bound));
    }

    [Fact]
    public async Task RunAsync_OpenInputWhoseReaderClosedIt_WriteReturnsFalseWhileProcessRuns()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        using var stop = new CancellationTokenSource();
        var input = new ProcessInput();

        // Closes its stdin, then lives on: the write meets a broken pipe, which must not throw.
        var run = SupervisedProcess.RunAsync(
            Spec("exec 0<&-; echo closed; sleep 600") with { Input = input }, Attempt, log, _ => Task.CompletedTask, Grace, TimeProvider.System, stop.Token);
        await Poll.UntilAsync(() => log.StdoutTail.Contains("closed", StringComparison.Ordinal), Bound, "the shell to close its stdin");

        Assert.False(await input.WriteLineAsync("nobody reads this").WaitAsync(Bound));
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
    }

    public void Dispose() => directory.Dispose();

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private Task<ProcessExit> RunAsync(string script, AttemptLog log, CancellationToken stop) =>
        SupervisedProcess.RunAsync(Spec(script), Attempt, log, _ => Task.CompletedTask, Grace, TimeProvider.System, stop);

    private ProcessStartSpec Spec(string script) => new("/bin/sh", ["-c", script], directory.Path, Environment);

    private static int? ReadPid(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Alive: /proc/PID/stat exists and its state is not Z (a zombie waiting to be reaped is dead).</summary>
    private static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state != "Z";
    }
}
