using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Webhooks;
using Baton.Daemon;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton webhook test ID</c>: queues a <c>webhook.test</c> delivery to this webhook only; with the daemon running,
/// waits a few seconds for the answer and prints its status code.
/// </summary>
internal static class WebhookTestCommand
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var id = WebhookCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("test", "Send a webhook.test event to one webhook and print the receiver's answer") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, settings) = await WebhookCommand.OpenAsync(ct);
            var deliveryId = await webhooks.TestAsync(r.GetRequiredValue(id), ct);
            var delivery = await webhooks.GetDeliveryAsync(deliveryId, ct);
            if (await new DaemonClient(settings.SocketPath).PingAsync(ct) is not null)
            {
                var deadline = TimeProvider.System.GetTimestamp() + (long)(Patience.TotalSeconds * TimeProvider.System.TimestampFrequency);
                while (delivery.Attempts == 0 && TimeProvider.System.GetTimestamp() < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    delivery = await webhooks.GetDeliveryAsync(deliveryId, ct);
                }
            }

            var view = WebhookDeliveryView.Of(delivery);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WebhookDeliveryView);
            }
            else if (view.Attempts == 0)
            {
                Console.Out.WriteLine($"Queued test delivery {view.DeliveryId}; the daemon sends it when it runs ('baton serve'), see 'baton webhook deliveries'");
            }
            else
            {
                Console.Out.WriteLine(WebhookDeliveryPrinter.Line(view));
            }

            return view.Status == DeliveryStatuses.Failed ? ExitCodes.TaskUnsuccessful : ExitCodes.Success;
        });
        return command;
    }
}
