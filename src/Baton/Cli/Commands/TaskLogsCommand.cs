using System.CommandLine;
using Baton.Api;
using Baton.Core.Attempts;
using Baton.Cli.Output;
using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task logs ID [--attempt N] [--follow]</c>: an attempt's output as it was captured.</summary>
internal static class TaskLogsCommand
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(100);

    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var attemptOption = new Option<int?>("--attempt") { Description = "Which attempt (default: the latest)", HelpName = "N" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the attempt ends; then exit 0 if the task completed, 1 if not" };
        var raw = new Option<bool>("--raw") { Description = "For agent tasks: the lines as the agent CLI wrote them, not the transcript" };
        var command = new Command("logs", "Print an attempt's output; for agent tasks a readable transcript") { id, attemptOption, follow, raw };
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var taskId = await runtime.Tasks.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var number = r.GetValue(attemptOption);
            var following = r.GetValue(follow);
            if (following)
            {
                await runtime.EnsureDaemonForAsync(!(await runtime.Store.GetTaskAsync(taskId, ct))!.Status.IsTerminal(), cancellationToken: ct);
            }

            // Taken before the attempt is read, so that --follow cannot miss its end (see AttemptLogFollower).
            var position = following ? await runtime.Events.LatestIdAsync(ct) : 0;
            var attempt = await FindAttemptAsync(runtime, taskId, number, following, ct);
            if (attempt is null)
            {
                CliOutput.Note($"task {taskId} has not started an attempt yet");
                return following ? await ExitCodeAsync(runtime, taskId, ct) : ExitCodes.Success;
            }

            var path = attempt.LogPath ?? Path.Combine(runtime.Settings.LogDirectory, taskId, $"{attempt.Key.Number}.log");
            var task = (await runtime.Store.GetTaskAsync(taskId, ct))!;
            var render = LogText.Renderer(task.Definition.Runner);
            await using (var output = render is not null && !r.GetValue(raw)
                ? new TranscriptStream(Console.OpenStandardOutput(), task.Definition.WorkingDirectory, render)
                : Console.OpenStandardOutput())
            {
                if (!following)
                {
                    await runtime.Logs.CopyFromAsync(attempt.Key, path, 0, output, ct);
                    return ExitCodes.Success;
                }

                await new AttemptLogFollower(runtime.Events, runtime.Logs, FollowInterval).FollowAsync(attempt, position, path, output, ct);
            }

            return await ExitCodeAsync(runtime, taskId, ct);
        });
        return command;
    }

    /// <summary>After --follow: 0 if the task completed, 1 if it ended otherwise or its attempt ended and it waits to run again.</summary>
    private static async Task<int> ExitCodeAsync(CliRuntime runtime, string taskId, CancellationToken ct)
    {
        var task = await runtime.Store.GetTaskAsync(taskId, ct);
        return task?.Status == TaskState.Completed ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
    }

    private static async Task<AttemptRecord?> FindAttemptAsync(CliRuntime runtime, string taskId, int? number, bool wait, CancellationToken ct)
    {
        while (true)
        {
            var attempts = await runtime.Store.GetAttemptsAsync(taskId, ct);
            if (number is { } n)
            {
                return attempts.FirstOrDefault(a => a.Key.Number == n)
                    ?? throw BatonException.NotFound($"task {taskId} has no attempt {n}; it has {attempts.Count}");
            }

            if (attempts.Count > 0 || !wait)
            {
                return attempts.Count > 0 ? attempts[^1] : null;
            }

            var task = await runtime.Store.GetTaskAsync(taskId, ct);
            if (task is null || task.Status.IsTerminal())
            {
                return null;
            }

            await Task.Delay(FollowInterval, TimeProvider.System, ct);
        }
    }
}
