using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
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
        var agentName = new Option<string?>("--agent") { Description = "Run this agent definition (see 'baton agents') instead of a command", HelpName = "NAME" };
        var prompt = new Option<string?>("--prompt") { Description = "The agent's instructions", HelpName = "TEXT" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Read the agent's instructions from a file", HelpName = "FILE" };
        var runner = new Option<string?>("--runner") { Description = "Override the agent's runner: claude, codex or gemini" };
        var model = new Option<string?>("--model") { Description = "Override the agent's model" };
        var worktree = new Option<bool>("--worktree") { Description = "Run in a git worktree of its own, on a new branch baton/<id>-<name>" };
        var keepWorktree = new Option<bool>("--keep-worktree") { Description = "Keep the worktree when the task ends (the branch is always kept)" };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A task that must complete first; its result is handed to this one (repeatable)", HelpName = "TASK_ID" };
        var json = CommandAction.JsonOption();
        var command = new Argument<string[]>("command") { Description = "The program and its arguments (put them after --)", Arity = ArgumentArity.ZeroOrMore };

        var add = new Command("add", "Queue a command, or an agent with --agent and --prompt, to run in the background; prints the task id at once")
        {
            agentName, prompt, promptFile, runner, model, worktree, keepWorktree,
            name, priority, timeout, maxRetries, backoff, retryOnTimeout, tags, metadata, cwd, env, runAt, idempotencyKey, dependsOn, noStart, json, command,
        };

        CommandAction.Set(add, json, async (r, ct) =>
        {
            var argv = r.GetValue(command) ?? [];
            var runtime = await CliRuntime.OpenAsync(ct);
            var isAgentTask = r.GetValue(agentName) is not null || r.GetValue(prompt) is not null || r.GetValue(promptFile) is not null;
            if (isAgentTask && argv.Length > 0)
            {
                throw BatonException.Invalid("an agent task runs its agent CLI, not a program; drop the command after --");
            }

            if (!isAgentTask && argv.Length == 0)
            {
                throw BatonException.Invalid("say what to run: baton task add -- PROGRAM [ARGS...], or baton task add --agent NAME --prompt TEXT");
            }

            var runAtText = r.GetValue(runAt);
            var request = new TaskRequest
            {
                Name = r.GetValue(name),
                AgentName = r.GetValue(agentName),
                AgentInstructions = isAgentTask ? AgentTasks.ReadPrompt(r.GetValue(prompt), r.GetValue(promptFile)) : null,
                Command = isAgentTask ? null : argv,
                Runner = r.GetValue(runner),
                Model = r.GetValue(model),
                Priority = r.GetValue(priority),
                // Unset options leave the agent's own settings in force.
                TimeoutSeconds = r.GetResult(timeout) is null ? null : r.GetValue(timeout),
                MaxRetries = r.GetResult(maxRetries) is null ? null : r.GetValue(maxRetries),
                RetryBackoff = r.GetValue(backoff),
                RetryOnTimeout = r.GetValue(retryOnTimeout),
                Tags = r.GetValue(tags),
                Metadata = KeyValues.Parse(r.GetValue(metadata), "--metadata"),
                WorkingDirectory = r.GetValue(cwd),
                Environment = KeyValues.Parse(r.GetValue(env), "--env"),
                RunAt = runAtText is null ? null : RunAtParser.Parse(runAtText, TimeProvider.System),
                IdempotencyKey = r.GetValue(idempotencyKey),
                DependsOn = r.GetValue(dependsOn),
                Worktree = r.GetValue(worktree),
                KeepWorktree = r.GetValue(keepWorktree),
            };
            var definition = AgentTasks.Builder(runtime.Settings).Build(request);

            if (definition.Worktree && await GitWorkspace.SnapshotAsync(definition.WorkingDirectory, ct) is null)
            {
                throw BatonException.Invalid($"'{definition.WorkingDirectory}' is not inside a git repository; --worktree (or the agent's worktree: true) needs one");
            }

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
}
