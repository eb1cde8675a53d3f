using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Webhooks;

namespace Baton.Cli.Commands;

/// <summary><c>baton webhook deliveries [--failed] [--webhook ID] [--limit N]</c>: delivery history, newest first.</summary>
internal static class WebhookDeliveriesCommand
{
    public static Command Create()
    {
        var failed = new Option<bool>("--failed") { Description = "Only deliveries that failed (given up, or failed and waiting to be tried again)" };
        var webhook = new Option<string?>("--webhook") { Description = "Only this webhook's deliveries", HelpName = "ID" };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50, HelpName = "N" };
        var json = CommandAction.JsonOption();
        var command = new Command("deliveries", "Delivery history: status, last HTTP status code, attempts, next attempt, last error") { failed, webhook, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            var found = await webhooks.DeliveriesAsync(new DeliveryQuery(r.GetValue(failed), r.GetValue(webhook), r.GetValue(limit)), ct);
            var views = found.Select(WebhookDeliveryView.Of).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(views, ViewJsonContext.Default.ListWebhookDeliveryView);
            }
            else
            {
                WebhookDeliveryPrinter.Print(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
