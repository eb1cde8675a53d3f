using Baton.Core.Notifications;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli;

/// <summary>The notification service over the CLI's store (also the stdio MCP server's): no daemon is needed to read or announce.</summary>
internal static class CliNotifications
{
    public static NotificationService Create(CliRuntime runtime)
    {
        var stores = runtime.Stores;
        return new NotificationService(
            stores.GetRequiredService<INotificationStore>(), stores.GetRequiredService<IEventStore>(), runtime.Tasks, runtime.Workflows, TimeProvider.System);
    }

    /// <summary>Whose notifications the CLI reads: the user's, from every interface.</summary>
    public static NotificationAudience Audience => NotificationAudience.For(CliRuntime.Caller, Environment.UserName);
}
