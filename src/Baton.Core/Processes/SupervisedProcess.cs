using Baton.Core.Attempts;
using Baton.Core.Logs;

namespace Baton.Core.Processes;

/// <summary>
/// Runs one attempt's process under supervision: in a cgroup of its own where <see cref="ProcessContainment"/> has
/// cgroups, output pumped into the attempt's log, the whole tree stopped (SIGTERM, then SIGKILL after the grace
/// period) when <c>stop</c> fires or the log cannot be written, and leftovers of a process that exited stopped too,
/// so that no descendant outlives its attempt. Runners use this; none spawns processes another way.
/// </summary>
public static class SupervisedProcess
{
    /// <summary>Starts the process and returns how it ended.</summary>
    /// <param name="spec">What to start.</param>
    /// <param name="attempt">The attempt; its marker goes into the environment.</param>
    /// <param name="log">Where output goes.</param>
    /// <param name="onStarted">Called with the process's identity as soon as it runs (to record it durably).</param>
    /// <param name="grace">How long SIGTERM may take before SIGKILL.</param>
    /// <param name="time">The clock.</param>
    /// <param name="stop">Fires when the attempt must stop (timeout, cancel, shutdown).</param>
    /// <param name="onStdoutLine">If given, sees each line of stdout (without its newline) as it arrives.</param>
    public static async Task<ProcessExit> RunAsync(
        ProcessStartSpec spec,
        AttemptKey attempt,
        AttemptLog log,
        Func<ProcessIdentity, Task> onStarted,
        TimeSpan grace,
        TimeProvider time,
        CancellationToken stop,
        Action<ReadOnlySpan<byte>>? onStdoutLine = null)
    {
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal)
        {
            [ProcessTree.MarkerVariable] = attempt.ToString(),
        };
        var cgroup = ProcessContainment.Current.TryCreateCgroup(attempt, out var cgroupProblem);
        if (cgroupProblem is not null)
        {
            log.WriteNotice(cgroupProblem);
        }

        try
        {
            var process = ProcessLauncher.Start(spec with { Environment = environment }, cgroup);
            var tree = new ProcessTree(process.Identity, attempt, cgroup);
            using var live = LiveTrees.Register(tree, tree.StartTicks);
            return await SuperviseAsync(process, tree, log, onStarted, grace, time, stop, onStdoutLine);
        }
        finally
        {
            // Writes to a process that has gone now return false instead of waiting for a start that never comes.
            if (spec.Input is { } input)
            {
                await input.CloseAsync();
            }

            // Empty by now (the tree was stopped and its main process reaped); a leftover that could not be killed keeps it.
            cgroup?.TryRemove();
        }
    }

    private static async Task<ProcessExit> SuperviseAsync(
        SpawnedProcess process,
        ProcessTree tree,
        AttemptLog log,
        Func<ProcessIdentity, Task> onStarted,
        TimeSpan grace,
        TimeProvider time,
        CancellationToken stop,
        Action<ReadOnlySpan<byte>>? onStdoutLine)
    {
        var lines = onStdoutLine is null ? null : new LineSplitter(onStdoutLine);
        SpanWriter stdout = lines is null
            ? log.WriteStdout
            : data =>
            {
                log.WriteStdout(data);
                lines.Write(data);
            };
        var pumps = Task.WhenAll(
            Pump(process.StandardOutput, stdout, lines is null ? null : lines.Flush),
            Pump(process.StandardError, log.WriteStderr, null));

        try
        {
            await onStarted(process.Identity);
        }
        catch
        {
            await tree.StopAsync(grace, time);
            throw;
        }

        // A log that can no longer be written (a full disk) stops the attempt too: it must not run on unrecorded.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(() => stopped.TrySetResult()))
        await using (log.WriteFailed.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(process.Exited, stopped.Task);
        }

        // Stop what is left: the whole tree if we were told to stop, or the leftovers of an exited process.
        await tree.StopAsync(grace, time);
        var exit = await process.Exited;

        // Output pipes close when the last writer is gone; bound the wait in case one escaped the tree.
        await Task.WhenAny(pumps, Task.Delay(grace + TimeSpan.FromSeconds(1), time));
        return exit;
    }

    /// <summary>
    /// Copies a pipe into the log on a thread of its own: pipe reads block, and a thread-pool thread held for an
    /// attempt's whole life would starve timers and the engine on a small machine.
    /// </summary>
    private static Task Pump(Stream source, SpanWriter write, Action? atEnd) =>
        Task.Factory.StartNew(
            () =>
            {
                var buffer = new byte[64 * 1024];
                try
                {
                    int read;
                    while ((read = source.Read(buffer)) > 0)
                    {
                        write(buffer.AsSpan(0, read));
                    }
                }
                catch (IOException)
                {
                    // Reading the pipe failed (the log never throws); the process's exit decides the outcome.
                }
                finally
                {
                    source.Dispose();
                    atEnd?.Invoke();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private delegate void SpanWriter(ReadOnlySpan<byte> data);
}
