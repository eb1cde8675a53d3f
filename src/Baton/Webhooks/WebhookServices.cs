using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Webhooks;

/// <summary>Registers webhooks in the daemon: the store, the application service, and the dispatcher.</summary>
internal static class WebhookServices
{
    public static IServiceCollection AddBatonWebhooks(this IServiceCollection services, WebhookOptions options, SqliteStoreOptions storeOptions)
    {
        services.AddSingleton(options);
        services.AddSingleton<IWebhookStore>(new SqliteWebhookStore(storeOptions));
        services.AddSingleton<WebhookService>();
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookBodyRenderer>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
