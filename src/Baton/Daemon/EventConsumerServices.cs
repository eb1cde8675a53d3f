using Baton.Configuration;
using Baton.Core.Events;
using Baton.Core.Hooks;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>Registers the daemon's event consumers of its own: local hooks and the retention pruner.</summary>
internal static class EventConsumerServices
{
    /// <summary>Call before the engine's hosted service, so that these start (and fix their log position) first.</summary>
    public static IServiceCollection AddEventConsumers(this IServiceCollection services, BatonSettings settings)
    {
        services.AddSingleton(sp => new HookRunner(
            settings.Home,
            settings.LogDirectory,
            settings.Engine.WorktreeDirectory,
            AttemptEnvironment.OfCurrentProcess(),
            settings.Engine.StopGracePeriod,
            sp.GetRequiredService<ITaskStore>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HookDispatcher(settings.Hooks, sp.GetRequiredService<HookRunner>(), sp.GetRequiredService<ILogger<HookDispatcher>>()));
        services.AddHostedService<HookService>();
        services.AddSingleton(sp => new EventPruner(
            sp.GetRequiredService<IEventStore>(),
            TimeSpan.FromDays(settings.EventRetentionDays),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventPruner>>()));
        services.AddHostedService<EventRetentionService>();
        return services;
    }
}
