using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton webhook redeliver DELIVERY_ID</c>: one more attempt, with the same webhook-id and body.</summary>
internal static class WebhookRedeliverCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("delivery-id") { Description = "The delivery's id (msg_..., its webhook-id header; 'baton webhook deliveries' shows them)" };
        var json = CommandAction.JsonOption();
        var command = new Command("redeliver", "Send a delivery again, with the same webhook-id and body; the daemon sends it within a second") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            var view = WebhookDeliveryView.Of(await webhooks.RedeliverAsync(r.GetRequiredValue(id), ct));
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WebhookDeliveryView);
            }
            else
            {
                Console.Out.WriteLine($"Delivery {view.DeliveryId} ({view.EventType}) queued again for {view.Url}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
