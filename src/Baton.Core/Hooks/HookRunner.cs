using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Logs;
using Baton.Core.Processes;
using Baton.Core.Storage;
using Baton.Core.Worktrees;

namespace Baton.Core.Hooks;

/// <summary>
/// Runs one hook for one event with <c>/bin/sh -c</c>, through <see cref="SupervisedProcess"/> like every attempt: its
/// own session, output into a capped log (<c>logs/hooks/hook-N.log</c>, the last run of hook N), and on timeout or
/// shutdown its whole process group stopped (SIGTERM, then SIGKILL after the grace period).
/// </summary>
/// <param name="workingDirectory">Where hooks run: the data directory.</param>
/// <param name="logDirectory">The daemon's log folder; hook logs go to its <c>hooks</c> folder.</param>
/// <param name="worktreeDirectory">Where tasks' worktrees live, for BATON_WORKTREE.</param>
/// <param name="baseEnvironment">The daemon's environment.</param>
/// <param name="grace">How long SIGTERM may take before SIGKILL.</param>
/// <param name="tasks">To tell whether an event's task runs in a worktree.</param>
/// <param name="time">The clock (timeouts).</param>
public sealed class HookRunner(
    string workingDirectory,
    string logDirectory,
    string worktreeDirectory,
    IReadOnlyDictionary<string, string> baseEnvironment,
    TimeSpan grace,
    ITaskStore tasks,
    TimeProvider time)
{
    private const string Shell = "/bin/sh";
    private const long LogCapBytes = 1024 * 1024;

    /// <summary>Runs <paramref name="hook"/> for <paramref name="record"/> to its end.</summary>
    public async Task<HookOutcome> RunAsync(HookDefinition hook, EventRecord record, CancellationToken cancellationToken = default)
    {
        var environment = HookEnvironment.Build(baseEnvironment, record, await WorktreeOfAsync(record, cancellationToken));
        var spec = new ProcessStartSpec(Shell, ["-c", hook.Command], workingDirectory, environment);
        var logPath = Path.Combine(logDirectory, "hooks", $"hook-{hook.Index}.log");
        using var log = AttemptLog.Create(logPath, LogCapBytes, tailBytes: 1024);
        using var timeout = new CancellationTokenSource(hook.Timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // The marker finds the hook's processes even if one leaves its group, as it does for attempts.
            var marker = new AttemptKey($"hook-{hook.Index}-event-{record.Id}", 1);
            var exit = await SupervisedProcess.RunAsync(spec, marker, log, _ => Task.CompletedTask, grace, time, stop.Token);
            var result = cancellationToken.IsCancellationRequested ? HookResult.Stopped
                : timeout.IsCancellationRequested ? HookResult.TimedOut
                : exit.ExitCode == 0 ? HookResult.Succeeded
                : HookResult.Failed;
            return new HookOutcome(result, exit, null, logPath);
        }
        catch (SpawnFailedException ex)
        {
            return new HookOutcome(HookResult.SpawnFailed, null, ex.Message, logPath);
        }
    }

    private async Task<string?> WorktreeOfAsync(EventRecord record, CancellationToken cancellationToken)
    {
        if (record.TaskId is not { } taskId)
        {
            return null;
        }

        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        return task?.Definition.Worktree == true ? GitWorktrees.PathFor(worktreeDirectory, taskId, task.Definition) : null;
    }
}
