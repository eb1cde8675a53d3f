using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton webhook remove ID</c>: the receiver hears nothing more from it, not even deliveries still pending.</summary>
internal static class WebhookRemoveCommand
{
    public static Command Create()
    {
        var id = WebhookCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("remove", "Remove a webhook; its pending deliveries are dropped (history stays)") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            var webhook = await webhooks.GetAsync(r.GetRequiredValue(id), ct);
            await webhooks.RemoveAsync(webhook.Id, ct);
            var message = $"Removed webhook {webhook.Id} ({webhook.Endpoint.Url}); its pending deliveries were dropped";
            if (r.GetValue(json))
            {
                // The webhook as it was: what was removed.
                CliOutput.Json(WebhookView.Of(webhook, TimeProvider.System.GetUtcNow()), ViewJsonContext.Default.WebhookView);
            }
            else
            {
                Console.Out.WriteLine(message);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
