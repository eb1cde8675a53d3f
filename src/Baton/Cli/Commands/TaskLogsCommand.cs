using System.CommandLine;
using Baton.Core.Attempts;
using Baton.Cli.Output;
using Baton.Core.Errors;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
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
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the attempt ends" };
        var raw = new Option<bool>("--raw") { Description = "For agent tasks: the lines as the agent CLI wrote them, not the transcript" };
        var command = new Command("logs", "Print an attempt's output; for agent tasks a readable transcript") { id, attemptOption, follow, raw };
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var taskId = await runtime.Tasks.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var number = r.GetValue(attemptOption);
            var following = r.GetValue(follow);
            var attempt = await FindAttemptAsync(runtime, taskId, number, following, ct);
            if (attempt is null)
            {
                CliOutput.Note($"task {taskId} has not started an attempt yet");
                return ExitCodes.Success;
            }

            var path = attempt.LogPath ?? Path.Combine(runtime.Settings.LogDirectory, taskId, $"{attempt.Key.Number}.log");
            var task = (await runtime.Store.GetTaskAsync(taskId, ct))!;
            Func<string, string, IEnumerable<string>>? render = task.Definition.Runner switch
            {
                ClaudeRunner.RunnerName => ClaudeTranscript.Render,
                CodexRunner.RunnerName => CodexTranscript.Render,
                GeminiRunner.RunnerName => GeminiTranscript.Render,
                _ => null,
            };
            await using var output = render is not null && !r.GetValue(raw)
                ? new TranscriptStream(Console.OpenStandardOutput(), task.Definition.WorkingDirectory, render)
                : Console.OpenStandardOutput();
            long offset = 0;
            while (true)
            {
                offset = await CopyFromAsync(path, offset, output, ct);
                if (!following || attempt.Status != AttemptState.Running)
                {
                    break;
                }

                await Task.Delay(FollowInterval, TimeProvider.System, ct);
                var attempts = await runtime.Store.GetAttemptsAsync(taskId, ct);
                attempt = attempts.First(a => a.Key == attempt.Key);
                path = attempt.LogPath ?? path;
            }

            return ExitCodes.Success;
        });
        return command;
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

    private static async Task<long> CopyFromAsync(string path, long offset, Stream output, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return offset;
        }

        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        input.Seek(offset, SeekOrigin.Begin);
        await input.CopyToAsync(output, ct);
        await output.FlushAsync(ct);
        return input.Position;
    }
}
