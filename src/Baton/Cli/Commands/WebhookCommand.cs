using System.CommandLine;
using Baton.Configuration;
using Baton.Core.Webhooks;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Commands;

/// <summary><c>baton webhook ...</c>: receivers that the daemon POSTs events to, signed the Standard Webhooks way.</summary>
internal static class WebhookCommand
{
    public static Command Create() => new(
        "webhook",
        "Manage webhooks: URLs the daemon POSTs events to (Standard Webhooks: webhook-id, webhook-timestamp and "
        + "webhook-signature headers, signed with the secret shown when the webhook is added)")
    {
        WebhookAddCommand.Create(),
        WebhookListCommand.Create(),
        WebhookRemoveCommand.Create(),
        WebhookTestCommand.Create(),
        WebhookRotateCommand.Create(),
        WebhookDeliveriesCommand.Create(),
        WebhookRedeliverCommand.Create(),
    };

    /// <summary>The webhook service over this data directory's store (opened and migrated). No daemon is needed.</summary>
    public static async Task<(WebhookService Webhooks, BatonSettings Settings)> OpenAsync(CancellationToken cancellationToken = default)
    {
        var settings = SettingsLoader.Load();
        var stores = await CliStore.OpenAsync(settings, cancellationToken: cancellationToken);
        return (new WebhookService(stores.GetRequiredService<IWebhookStore>(), settings.Webhooks, TimeProvider.System), settings);
    }

    /// <summary>The common webhook id argument.</summary>
    public static Argument<string> IdArgument() => new("id") { Description = "The webhook's id (wh_..., as 'baton webhook list' shows it)" };
}
