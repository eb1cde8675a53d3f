using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task add [options] -- PROGRAM [ARGS...]</c>: queue a command task and print its id at once.</summary>
internal static class TaskAddCommand
{
    public static Command Create()
    {
        var options = new TaskOptions("A task that must complete first; its result is handed to this one (repeatable)");
        var webhookUrl = new Option<string?>(Core.Application.Fields.TaskFields.WebhookUrl.CliOption)
        {
            Description = "POST a signed Standard Webhooks event here when the task ends or retries; a new URL's secret is printed once",
            HelpName = "URL",
        };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var add = new Command("add", "Queue a command, or an agent with --agent and --prompt, to run in the background; prints the task id at once");
        options.AddOptionsTo(add);
        add.Options.Add(webhookUrl);
        add.Options.Add(noStart);
        add.Options.Add(json);
        add.Arguments.Add(options.Command);

        CommandAction.Set(add, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var definition = await options.BuildAsync(r, runtime, "baton task add", ct);
            var searchPath = Environment.GetEnvironmentVariable("PATH");
            runtime.Tasks.Validate(definition, searchPath);
            var url = r.GetValue(webhookUrl);
            var webhooks = url is null ? null : (await WebhookCommand.OpenAsync(ct)).Webhooks;
            webhooks?.CheckUrl(url!, "--webhook-url");
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var (result, secret) = webhooks is null
                ? (await runtime.Tasks.EnqueueAsync(definition, searchPath, ct), null)
                : await webhooks.EnqueueAsync(runtime.Tasks, definition, searchPath, url!, ct);
            var task = result.Task;
            var message = result.Created
                ? $"Task {task.Id} queued"
                : $"Task {task.Id} already exists for idempotency key '{definition.IdempotencyKey}' ({task.Status.ToWire()})";
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), result.Created, message, secret), ViewJsonContext.Default.EnqueuedView);
            }
            else
            {
                Console.Out.WriteLine(task.Id);
                CliOutput.Note(message);
                if (secret is not null)
                {
                    CliOutput.Note($"Webhook signing secret for {url} (shown once; keep it to verify deliveries): {secret}");
                }
            }

            return ExitCodes.Success;
        });
        return add;
    }
}
