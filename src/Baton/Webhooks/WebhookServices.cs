using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Webhooks;

/// <summary>Registers webhooks in the daemon: the application service (over the store's <see cref="IWebhookStore"/>) and the dispatcher.</summary>
internal static class WebhookServices
{
    public static IServiceCollection AddBatonWebhooks(this IServiceCollection services, WebhookOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<WebhookService>();
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookBodyRenderer>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
