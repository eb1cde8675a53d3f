using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton webhook rotate ID</c>: a new signing secret, printed once; the old one keeps signing (a second signature
/// on every delivery) for webhooks.rotation_overlap_hours, so the receiver can switch without missing anything.
/// </summary>
internal static class WebhookRotateCommand
{
    public static Command Create()
    {
        var id = WebhookCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("rotate", "Give a webhook's endpoint a new signing secret (printed once); the old one keeps signing for a while") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            var (webhook, secret) = await webhooks.RotateAsync(r.GetRequiredValue(id), ct);
            var view = WebhookView.Of(webhook, TimeProvider.System.GetUtcNow());
            var message = $"New signing secret for {view.Url}; the previous one signs too until {view.PreviousSecretExpiresAt:u}. It is shown only this once:";
            if (r.GetValue(json))
            {
                CliOutput.Json(new WebhookCreatedView(view, secret, message), ViewJsonContext.Default.WebhookCreatedView);
            }
            else
            {
                CliOutput.Note(message);
                Console.Out.WriteLine(secret);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
