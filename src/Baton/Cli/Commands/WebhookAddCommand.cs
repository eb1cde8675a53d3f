using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton webhook add URL [--events a,b] [--workflow ID]</c>: prints the webhook's id and, when the URL is new, its
/// signing secret, once (alone on stdout, so that <c>SECRET=$(baton webhook add ...)</c> works).
/// </summary>
internal static class WebhookAddCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The receiver: an http or https URL that accepts POST" };
        var events = new Option<string?>("--events")
        {
            Description = "Comma-separated event types or families (task.completed,task.failed,workflow.*); default: all",
            HelpName = "TYPES",
        };
        var workflow = new Option<string?>("--workflow") { Description = "Only this workflow's events (its id or a unique prefix)", HelpName = "ID" };
        var json = CommandAction.JsonOption();
        var command = new Command("add", "Add a webhook; its signing secret is printed once") { url, events, workflow, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            string? workflowId = null;
            if (r.GetValue(workflow) is { } given)
            {
                var runtime = await CliRuntime.OpenAsync(ct);
                workflowId = await runtime.Workflows.ResolveIdAsync(given, ct);
            }

            var added = await webhooks.AddAsync(r.GetRequiredValue(url), r.GetValue(events), workflowId, CliRuntime.Caller, ct);
            var view = WebhookView.Of(added.Subscription, TimeProvider.System.GetUtcNow());
            var message = added.NewSecret is null
                ? $"Added webhook {view.WebhookId}; {view.Url} already had an endpoint, which signs with the secret shown when it was first added"
                : $"Added webhook {view.WebhookId}. Its signing secret is shown only this once; give it to the receiver now:";
            if (r.GetValue(json))
            {
                CliOutput.Json(new WebhookCreatedView(view, added.NewSecret, message), ViewJsonContext.Default.WebhookCreatedView);
            }
            else
            {
                CliOutput.Note(message);
                Console.Out.WriteLine(added.NewSecret ?? view.WebhookId);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
