using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task add [options] -- PROGRAM [ARGS...]</c>: queue a command task and print its id at once.</summary>
internal static class TaskAddCommand
{
    public static Command Create()
    {
        var name = new Option<string?>("--name") { Description = "A short name (default: the command line)" };
        var priority = new Option<string>("--priority") { Description = "critical, high, normal or low", DefaultValueFactory = _ => "normal" };
        priority.AcceptOnlyFromAmong([.. TaskPriorities.AllNames]);
        var timeout = new Option<int?>("--timeout") { Description = "Stop each attempt after this many seconds (status timed_out)", HelpName = "SECONDS" };
        var maxRetries = new Option<int>("--max-retries") { Description = "Retries after a failed attempt", DefaultValueFactory = _ => 3 };
        var backoff = new Option<string>("--retry-backoff") { Description = "exponential (with full jitter), fixed or none", DefaultValueFactory = _ => "exponential" };
        backoff.AcceptOnlyFromAmong([.. RetryBackoffs.AllNames]);
        var retryOnTimeout = new Option<bool>("--retry-on-timeout") { Description = "Retry attempts that time out, like failures" };
        var tags = new Option<string[]>("--tag") { Description = "A label for filtering (repeatable)", AllowMultipleArgumentsPerToken = false };
        var metadata = new Option<string[]>("--metadata") { Description = "KEY=VALUE kept with the task (repeatable)" };
        var cwd = new Option<string?>("--cwd") { Description = "Working directory (default: the current one)", HelpName = "DIR" };
        var env = new Option<string[]>("--env") { Description = "KEY=VALUE added to the environment (repeatable)" };
        var runAt = new Option<string?>("--run-at") { Description = "Do not start before: 2026-11-21T18:00Z, 18:30 (local), +10m", HelpName = "TIME" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Queuing again with the same key returns the first task" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Argument<string[]>("command") { Description = "The program and its arguments (put them after --)", Arity = ArgumentArity.OneOrMore };

        var add = new Command("add", "Queue a command to run in the background; prints the task id at once")
        {
            name, priority, timeout, maxRetries, backoff, retryOnTimeout, tags, metadata, cwd, env, runAt, idempotencyKey, noStart, json, command,
        };

        CommandAction.Set(add, json, async (r, ct) =>
        {
            var argv = r.GetRequiredValue(command);
            TaskPriorities.TryParse(r.GetValue(priority), out var taskPriority);
            RetryBackoffs.TryParse(r.GetValue(backoff), out var taskBackoff);
            var runAtText = r.GetValue(runAt);
            var definition = new TaskDefinition
            {
                Name = r.GetValue(name) ?? Shorten(string.Join(' ', argv)),
                Runner = CommandRunner.RunnerName,
                Program = argv[0],
                Arguments = argv[1..],
                WorkingDirectory = Path.GetFullPath(r.GetValue(cwd) ?? Environment.CurrentDirectory),
                Environment = KeyValues.Parse(r.GetValue(env), "--env"),
                Priority = taskPriority,
                TimeoutSeconds = r.GetValue(timeout),
                MaxRetries = r.GetValue(maxRetries),
                RetryBackoff = taskBackoff,
                RetryOnTimeout = r.GetValue(retryOnTimeout),
                Tags = r.GetValue(tags) ?? [],
                Metadata = KeyValues.Parse(r.GetValue(metadata), "--metadata"),
                RunAt = runAtText is null ? null : RunAtParser.Parse(runAtText, TimeProvider.System),
                IdempotencyKey = r.GetValue(idempotencyKey),
            };

            var runtime = await CliRuntime.OpenAsync(ct);
            var searchPath = Environment.GetEnvironmentVariable("PATH");
            runtime.Tasks.Validate(definition, searchPath);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var result = await runtime.Tasks.EnqueueAsync(definition, searchPath, ct);
            var task = result.Task;
            var message = result.Created
                ? $"Task {task.Id} queued"
                : $"Task {task.Id} already exists for idempotency key '{definition.IdempotencyKey}' ({task.Status.ToWire()})";
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), result.Created, message), ViewJsonContext.Default.EnqueuedView);
            }
            else
            {
                Console.Out.WriteLine(task.Id);
                CliOutput.Note(message);
            }

            return ExitCodes.Success;
        });
        return add;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
